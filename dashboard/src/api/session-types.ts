/**
 * The JSON of GET /v1/sessions/:id/timeline (api/routes/session.route.ts, kpi/session-timeline.ts),
 * as the session page reads it.
 */

import type { WordingHit } from './live-types.ts';

/** One wording hit in a transcript line (the same shape the host console's reminders carry). */
export type TimelineHit = WordingHit;

export interface TimelineSegment {
  event_id: string;
  occurred_at: string;
  speaker: string;
  text: string;
  sku_id: string;
  offset_ms: number;
  hits: TimelineHit[];
  /** Question topics of a viewer comment (empty for host and assistant lines). */
  topics: string[];
}

export interface MinuteOrders {
  /** Minute of the session (order offset ÷ 60 s). */
  minute: number;
  orders: number;
  refunded_orders: number;
  gmv: number;
}

export interface SessionTimeline {
  live_session_id: string;
  host_id: string;
  shop_id: string;
  /** When the session ran: its first / last transcript line and order (null without any). */
  span: { started_at: string | null; ended_at: string | null; first_order_at: string | null; last_order_at: string | null };
  segments: TimelineSegment[];
  orders_by_minute: MinuteOrders[];
  viewer_topics: { topic: string; comments: number }[];
  /** More segments follow the last one (page on with `from_ms`). */
  truncated: boolean;
}
