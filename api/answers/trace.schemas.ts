import Type from 'typebox';
import { NullableNumber } from './common.schemas.ts';

/** Answer of GET /v1/orders/:order_id/trace (api/routes/trace.route.ts), DESIGN §6. */
const NullableTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
const Segment = {
  event_id: Type.String(),
  occurred_at: NullableTime,
  speaker: Type.String(),
  text: Type.String(),
  sku_id: Type.String(),
  offset_ms: Type.Integer(),
};

export const TraceAnswer = Type.Object({
  order: Type.Object({
    order_id: Type.String(),
    occurred_at: NullableTime,
    shop_id: Type.String(),
    user_id: Type.String(),
    sku_id: Type.String(),
    product_title: Type.Union([Type.String(), Type.Null()], { description: 'Product title of the SKU (the latest its orders carried)' }),
    category: Type.String(),
    quantity: Type.Integer(),
    amount: Type.Number(),
    region_code: Type.String(),
    region_name: Type.String(),
    refund_policy: Type.String({ description: 'After-sales policy the order was sold with' }),
  }),
  session: Type.Object({ live_session_id: Type.String(), host_id: Type.String(), shop_id: Type.String(), order_offset_ms: Type.Integer() }),
  transcript: Type.Object({ from_ms: Type.Integer(), to_ms: Type.Integer(), segments: Type.Array(Type.Object(Segment)) }),
  promises: Type.Array(
    Type.Object({ ...Segment, matched_terms: Type.Array(Type.String()) }),
    { description: "The host's and assistant's promises about this SKU in this session" },
  ),
  refunds: Type.Array(
    Type.Object({
      refund_id: Type.String(),
      state: Type.String({ description: 'Latest state by occurred_at' }),
      steps: Type.Array(
        Type.Object({
          event_id: Type.String(),
          status: Type.String(),
          occurred_at: NullableTime,
          actor: Type.String(),
          type: Type.String(),
          reason_code: Type.String(),
          amount: Type.Number(),
          rule_id: Type.Union([Type.String(), Type.Null()]),
          reject_reason: Type.Union([Type.String(), Type.Null()]),
          csat: NullableNumber,
        }),
      ),
    }),
  ),
  shipments: Type.Array(
    Type.Object({
      shipment_id: Type.String(),
      direction: Type.String(),
      carrier: Type.String(),
      status: Type.String(),
      dest_region_code: Type.String(),
      dest_region_name: Type.String(),
      promised_at: NullableTime,
      delivered_at: NullableTime,
      late: Type.Union([Type.Boolean(), Type.Null()]),
      scans: Type.Array(
        Type.Object({
          event_id: Type.String(),
          status: Type.String(),
          occurred_at: NullableTime,
          origin_region_code: Type.String(),
          dest_region_code: Type.String(),
          exception_code: Type.Union([Type.String(), Type.Null()]),
        }),
      ),
    }),
  ),
});

export type TraceAnswer = Type.Static<typeof TraceAnswer>;
