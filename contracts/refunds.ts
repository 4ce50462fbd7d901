import Type from 'typebox';
import { EventEnvelope, Id, Money } from './common.ts';

export const REFUND_TYPES = ['refund_only', 'return_refund', 'exchange'] as const;
export const REFUND_STATUSES = [
  'requested',
  'auto_approved',
  'approved',
  'rejected',
  'timeout_approved',
  'buyer_shipped',
  'merchant_received',
  'refunded',
  'cancelled',
  'escalated',
  'rated',
] as const;
export const REFUND_ACTORS = ['buyer', 'merchant', 'platform', 'system'] as const;
export const REASON_CODES = [
  'changed_mind',
  'dislike',
  'size_fit',
  'damaged',
  'quality',
  'not_as_described',
  'wrong_item',
  'not_received',
  'late_delivery',
  'counterfeit',
  'other',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** 无理由: the buyer simply does not want it. */
export const NO_REASON_CODES: readonly ReasonCode[] = ['changed_mind', 'dislike'];
/** 品质退货: the product or its description is at fault. */
export const QUALITY_REASON_CODES: readonly ReasonCode[] = ['quality', 'not_as_described', 'wrong_item', 'counterfeit', 'damaged'];

export const RefundEvent = Type.Object(
  {
    ...EventEnvelope,
    refund_id: Id('Refund id; every step of one refund carries it'),
    order_id: Id('Order being refunded'),
    sku_id: Id('SKU id'),
    shop_id: Id('Shop id'),
    category: Type.String({ minLength: 1, maxLength: 64 }),
    host_id: Id('Host of the session the order came from'),
    live_session_id: Id('Live session the order came from'),
    type: Type.Enum([...REFUND_TYPES]),
    reason_code: Type.Enum([...REASON_CODES]),
    amount: Money('Refund amount'),
    status: Type.Enum([...REFUND_STATUSES], { description: 'This step of the lifecycle; the latest by occurred_at wins' }),
    actor: Type.Enum([...REFUND_ACTORS]),
    rule_id: Type.Optional(Type.String({ maxLength: 128, description: 'Rule that made an automatic decision' })),
    reject_reason: Type.Optional(Type.String({ maxLength: 1000 })),
    csat: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, description: 'Satisfaction 1–5; required on status `rated`' })),
  },
  { additionalProperties: true, title: 'refunds', description: 'One step of a refund lifecycle.' },
);
export type RefundEvent = Type.Static<typeof RefundEvent>;

/** Cross-field rules JSON Schema cannot say compactly; applied after the schema check. */
export function refundRefinement(e: RefundEvent): string | undefined {
  if (e.status === 'rated' && e.csat === undefined) return '/csat: required when status is "rated"';
  if (e.status !== 'rated' && e.csat !== undefined) return '/csat: only allowed when status is "rated"';
  return undefined;
}
