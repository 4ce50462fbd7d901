import Type from 'typebox';

/** GET /v1/kpi/logistics/shipments (api/routes/kpi-returns.route.ts): the shipments behind the backlog counts. */
const Time = (description: string) => Type.String({ format: 'date-time', description });
const TimeOrNull = (description: string) => Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description });

/** One row of GET /v1/kpi/logistics/shipments (kpi/backlog-shipments.ts). */
export const BacklogShipmentRow = Type.Object({
  shipment_id: Type.String(),
  order_id: Type.String(),
  region_code: Type.String({ description: 'GB/T 2260 code of the destination region' }),
  region_name: Type.String(),
  carrier: Type.Union([Type.String(), Type.Null()], { description: 'As the latest scan names it; null if none did' }),
  direction: Type.Enum(['outbound', 'return']),
  shop_id: Type.String({ description: "The order's shop (empty when the order has not arrived)" }),
  category: Type.String(),
  host_id: Type.String(),
  live_session_id: Type.String(),
  sku_id: Type.String(),
  last_status: Type.String({ description: 'Status of the latest scan' }),
  waiting_since: Time('When the wait began: the last scan (stalled) or the `created` scan (pickup_overdue)'),
  hours_waited: Type.Number({ description: 'as_of − waiting_since, in hours' }),
  created_at: TimeOrNull('The `created` scan, if any'),
  picked_up_at: TimeOrNull('The first scan past `created`; null for pickup_overdue'),
  last_scan_at: Time('The latest scan'),
  promised_at: Time('The latest promised delivery time'),
});

export const BacklogShipmentsAnswer = Type.Object({
  kind: Type.Enum(['stalled', 'pickup_overdue']),
  as_of: Time('The moment the backlog describes (now)'),
  window: Type.Object(
    { from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) },
    { description: 'The request window, echoed: a backlog is a "now" figure and the window does not narrow it, as in /v1/kpi/logistics' },
  ),
  thresholds: Type.Object({ stalled_s: Type.Integer(), pickup_s: Type.Integer(), backlog_days: Type.Integer() }),
  total: Type.Integer({ description: 'Shipments before pagination: equals the stalled / pickup_overdue count of /v1/kpi/logistics for the same filters' }),
  limit: Type.Integer(),
  offset: Type.Integer(),
  sort: Type.String(),
  order: Type.Enum(['asc', 'desc']),
  rows: Type.Array(BacklogShipmentRow),
});

export type BacklogShipmentRow = Type.Static<typeof BacklogShipmentRow>;
export type BacklogShipmentsAnswer = Type.Static<typeof BacklogShipmentsAnswer>;
