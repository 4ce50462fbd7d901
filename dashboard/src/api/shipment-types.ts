import type { Span } from './types.ts';

/** GET /v1/kpi/logistics/shipments (api/routes/kpi-returns.route.ts): the shipments behind the backlog counts. */
export const BACKLOG_KINDS = ['stalled', 'pickup_overdue'] as const;
export type BacklogKind = (typeof BACKLOG_KINDS)[number];

export interface BacklogShipment {
  shipment_id: string;
  order_id: string;
  region_code: string;
  region_name: string;
  carrier: string | null;
  direction: 'outbound' | 'return';
  shop_id: string;
  category: string;
  host_id: string;
  live_session_id: string;
  sku_id: string;
  last_status: string;
  /** When the wait began: the last scan (stalled) or the `created` scan (pickup overdue). */
  waiting_since: string;
  hours_waited: number;
  created_at: string | null;
  picked_up_at: string | null;
  last_scan_at: string;
  promised_at: string;
}

export interface BacklogShipmentsAnswer {
  kind: BacklogKind;
  /** The moment the backlog describes (now); the window does not narrow it. */
  as_of: string;
  window: Span;
  thresholds: { stalled_s: number; pickup_s: number; backlog_days: number };
  total: number;
  limit: number;
  offset: number;
  sort: string;
  order: 'asc' | 'desc';
  rows: BacklogShipment[];
}
