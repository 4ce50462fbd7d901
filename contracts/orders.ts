import Type from 'typebox';
import { EventEnvelope, Id, Money, Region } from './common.ts';
import { MAX_SESSION_OFFSET_MS } from './limits.ts';

export const REFUND_POLICIES = ['7day_no_reason', '15day_no_reason', 'quality_only', 'no_return'] as const;

export const OrderEvent = Type.Object(
  {
    ...EventEnvelope,
    order_id: Id('Order id'),
    user_id: Id('Buyer id'),
    shop_id: Id('Shop id'),
    sku_id: Id('SKU id'),
    product_title: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'Product title of the SKU as listed, e.g. 加厚羊羔绒外套 女款 (shown beside the SKU id; the latest wins)' }),
    ),
    category: Type.String({ minLength: 1, maxLength: 64, description: 'Category, e.g. 生鲜 / 服饰 / 美妆 / 数码 / 食品 / 家居' }),
    live_session_id: Id('Live session the order came from'),
    host_id: Id('Host (主播) of that session'),
    quantity: Type.Integer({ minimum: 1, maximum: 100_000 }),
    amount: Money('Order amount'),
    region: Region('Delivery region'),
    refund_policy: Type.Enum([...REFUND_POLICIES], { description: 'After-sales policy promised for this SKU' }),
    live_offset_ms: Type.Integer({ minimum: 0, maximum: MAX_SESSION_OFFSET_MS, description: 'Where in the live session the order was placed' }),
  },
  { additionalProperties: true, title: 'orders', description: 'An order placed during (or after) a live session.' },
);
export type OrderEvent = Type.Static<typeof OrderEvent>;
