import type { Warehouse } from '../warehouse/client.ts';
import { regionName } from '../contracts/regions.ts';
import { inScope, type Scope } from './filters.ts';
import { numOrNull, type Num } from './numbers.ts';
import { PROMISE_TERMS } from './promise-terms.ts';
import { runKpiQuery } from './query.ts';
import { isoOrNull } from './time.ts';

/** The order's "birth certificate" (DESIGN §6). */
export interface OrderTrace {
  order: Record<string, unknown> & { order_id: string; sku_id: string; category: string; refund_policy: string };
  session: { live_session_id: string; host_id: string; shop_id: string; order_offset_ms: number };
  transcript: { from_ms: number; to_ms: number; segments: Segment[] };
  promises: Array<Segment & { matched_terms: string[] }>;
  refunds: RefundTimeline[];
  shipments: ShipmentTimeline[];
}

export interface Segment {
  event_id: string;
  occurred_at: string | null;
  speaker: string;
  text: string;
  sku_id: string;
  offset_ms: number;
}

export interface RefundTimeline {
  refund_id: string;
  /** Latest lifecycle state by occurred_at (ratings annotate, they do not change it). */
  state: string;
  steps: Array<Record<string, unknown> & { status: string; occurred_at: string | null }>;
}

export interface ShipmentTimeline {
  shipment_id: string;
  direction: string;
  carrier: string;
  status: string;
  dest_region_code: string;
  dest_region_name: string;
  promised_at: string | null;
  delivered_at: string | null;
  late: boolean | null;
  scans: Array<Record<string, unknown> & { status: string; occurred_at: string | null }>;
}

export interface TraceOptions {
  /** Transcript shown before / after the order's offset in the session. */
  beforeMs?: number;
  afterMs?: number;
  now?: Date;
}

type Raw = Record<string, Num>;
type SegmentRow = { event_id: string; occurred_at: string; speaker: string; text: string; sku_id: string; offset_ms: Num };

const segment = (r: SegmentRow): Segment => ({
  event_id: r.event_id,
  occurred_at: isoOrNull(r.occurred_at),
  speaker: r.speaker,
  text: r.text,
  sku_id: r.sku_id,
  offset_ms: Number(r.offset_ms),
});

/** The trace of one order, or null when it does not exist or lies outside the caller's scope. */
export async function orderTrace(wh: Warehouse, orderId: string, scope: Scope = {}, o: TraceOptions = {}): Promise<OrderTrace | null> {
  // Refund steps and scans need only the order id: read them beside the order itself, and only
  // the transcript reads wait for the order's session.
  const [[order], steps, scans] = await Promise.all([
    runKpiQuery<Raw & { [k: string]: string }>(wh, 'trace/order', { order_id: orderId }),
    runKpiQuery<Raw & { refund_id: string; status: string; occurred_at: string }>(wh, 'trace/refund_steps', { order_id: orderId }),
    runKpiQuery<Raw & { shipment_id: string; status: string; occurred_at: string; promised_at: string }>(wh, 'trace/shipment_scans', {
      order_id: orderId,
    }),
  ]);
  // Out of scope answers exactly like "no such order", so a scope cannot probe for ids.
  if (!order || !inScope(scope, { category: order.category!, host_id: order.host_id! })) return null;
  const offset = Number(order.live_offset_ms);
  const fromMs = Math.max(0, offset - (o.beforeMs ?? 120_000));
  const toMs = offset + (o.afterMs ?? 30_000);
  const session = { host_id: order.host_id!, live_session_id: order.live_session_id! };
  const [segments, promises] = await Promise.all([
    runKpiQuery<SegmentRow>(wh, 'trace/transcript', { ...session, from_ms: fromMs, to_ms: toMs, limit: 500 }),
    runKpiQuery<SegmentRow & { matched: string[] }>(wh, 'trace/promises', {
      ...session,
      sku_id: order.sku_id!,
      terms: [...PROMISE_TERMS],
      limit: 200,
    }),
  ]);
  return {
    order: {
      order_id: order.order_id!,
      occurred_at: isoOrNull(order.occurred_at),
      shop_id: order.shop_id,
      user_id: order.user_id,
      sku_id: order.sku_id!,
      product_title: order.product_title || null,
      category: order.category!,
      quantity: Number(order.quantity),
      amount: Number(order.amount),
      region_code: order.region_code,
      region_name: regionName(String(order.region_code)),
      refund_policy: order.refund_policy!,
    },
    session: { ...session, shop_id: order.shop_id!, order_offset_ms: offset },
    transcript: { from_ms: fromMs, to_ms: toMs, segments: segments.map(segment) },
    promises: promises.map((p) => ({ ...segment(p), matched_terms: p.matched })),
    refunds: refundTimelines(steps),
    shipments: shipmentTimelines(scans, o.now ?? new Date()),
  };
}

function refundTimelines(steps: Array<Raw & { refund_id: string; status: string; occurred_at: string }>): RefundTimeline[] {
  const byId = new Map<string, RefundTimeline>();
  // Steps arrive sorted by (occurred_at, lifecycle rank, event_id): the last non-rating step is
  // the latest state, exactly as the KPI facts define it.
  for (const s of steps) {
    let t = byId.get(s.refund_id);
    if (!t) byId.set(s.refund_id, (t = { refund_id: s.refund_id, state: '', steps: [] }));
    if (s.status !== 'rated') t.state = s.status;
    t.steps.push({
      event_id: s.event_id,
      status: s.status,
      occurred_at: isoOrNull(s.occurred_at),
      actor: s.actor,
      type: s.type,
      reason_code: s.reason_code,
      amount: Number(s.amount),
      rule_id: s.rule_id || null,
      reject_reason: s.reject_reason || null,
      csat: numOrNull(s.csat),
    });
  }
  return [...byId.values()];
}

function shipmentTimelines(scans: Array<Raw & { shipment_id: string; status: string; occurred_at: string; promised_at: string }>, now: Date) {
  const byId = new Map<string, ShipmentTimeline>();
  for (const s of scans) {
    let t = byId.get(s.shipment_id);
    if (!t) {
      t = {
        shipment_id: s.shipment_id,
        direction: String(s.direction),
        carrier: String(s.carrier),
        status: '',
        dest_region_code: String(s.dest_region_code),
        dest_region_name: regionName(String(s.dest_region_code)),
        promised_at: null,
        delivered_at: null,
        late: null,
        scans: [],
      };
      byId.set(s.shipment_id, t);
    }
    // Scans are in time order: the last one holds the current status and the latest promise.
    t.status = s.status;
    t.promised_at = isoOrNull(s.promised_at);
    t.dest_region_code = String(s.dest_region_code);
    t.dest_region_name = regionName(t.dest_region_code);
    if (s.status === 'delivered' && !t.delivered_at) t.delivered_at = isoOrNull(s.occurred_at);
    t.scans.push({
      event_id: s.event_id,
      status: s.status,
      occurred_at: isoOrNull(s.occurred_at),
      origin_region_code: s.origin_region_code,
      dest_region_code: s.dest_region_code,
      exception_code: s.exception_code || null,
    });
  }
  for (const t of byId.values()) {
    const promised = t.promised_at ? Date.parse(t.promised_at) : NaN;
    if (t.delivered_at) t.late = Date.parse(t.delivered_at) > promised;
    else if (now.getTime() > promised) t.late = true;
  }
  return [...byId.values()];
}
