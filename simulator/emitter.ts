import type { AnyEvent, LogisticsEvent, OrderEvent, RefundEvent, Topic, TranscriptEvent } from '../contracts/index.ts';
import { CARRIERS_USING_CODES } from './catalog-data.ts';
import { provinceCode } from './geography.ts';
import type { ShipmentPlan } from './logistics-plan.ts';
import type { OrderPlan } from './orders.ts';
import { hashString, unitHash } from './prng.ts';
import type { RecordHeap } from './record-heap.ts';
import type { RefundPlan } from './refund-plan.ts';
import type { Session } from './schedule.ts';
import type { Utterance } from './speech.ts';
import { HOUR, MINUTE, SECOND, isoCst } from './time.ts';

/**
 * Turns plans into contract events — only those whose occurred_at falls in the requested
 * window, so look-back days cost arithmetic, not objects — and schedules each for emission.
 * Emission time is usually the occurrence time; refund steps are sometimes delivered late
 * (after the next step), replayed with the same event_id, or re-sent under a new event_id, the
 * way real producers misbehave. Those choices hash the event's identity, never a shared random
 * stream, so they are identical whichever window is generated.
 */

export interface SimRecord {
  topic: Topic;
  /** Kafka message key: refund_id, order_id, live_session_id or shipment_id. */
  key: string;
  event: AnyEvent;
  /** Simulated emission time (ms); ≥ the event's occurred_at. The stream is ordered by it. */
  at: number;
}

/** Share of refund steps delivered after the following step. */
export const LATE_STEP_RATE = 0.03;
/** Share of refund steps delivered twice with the same event_id. */
export const REPLAY_RATE = 0.02;
/** Share of refund steps re-sent as a new event_id (same step, same content otherwise). */
export const RESEND_RATE = 0.005;
const SCAN_REPLAY_RATE = 0.005;

/** Suffix of event ids whose content an incident changed, so one event_id never means two things. */
const marker = (variant: boolean) => (variant ? 'x' : '');

export class Emitter {
  constructor(
    private readonly fromMs: number,
    private readonly toMs: number,
    private readonly seedHash: number,
    private readonly heap: RecordHeap<SimRecord>,
  ) {}

  wants(t: number): boolean {
    return t >= this.fromMs && t < this.toMs;
  }

  order(o: OrderPlan): void {
    if (!this.wants(o.t)) return;
    const sku = o.sku;
    const event: OrderEvent = {
      event_id: `ev-${o.id}`,
      occurred_at: isoCst(o.t),
      schema_version: 1,
      order_id: o.id,
      user_id: o.userId,
      shop_id: sku.shop.id,
      sku_id: sku.id,
      product_title: sku.name,
      category: sku.category,
      live_session_id: o.session.id,
      host_id: o.session.host.id,
      quantity: o.quantity,
      amount: o.amountCents / 100,
      region: o.region,
      refund_policy: sku.policy,
      live_offset_ms: o.offsetMs,
    };
    this.heap.push(o.t, { topic: 'orders', key: o.id, event, at: o.t });
  }

  shipment(s: ShipmentPlan): void {
    const codes = CARRIERS_USING_CODES.has(s.carrier);
    const origin = codes ? provinceCode(s.origin) : s.origin;
    const dest = codes ? provinceCode(s.dest) : s.dest;
    let promised: string | undefined;
    const idHash = hashString(s.id);
    for (let i = 0; i < s.scans.length; i++) {
      const scan = s.scans[i];
      if (!scan || !this.wants(scan.t)) continue;
      promised ??= isoCst(s.promisedMs);
      const event: LogisticsEvent = {
        event_id: `ev-${s.id}-${i}${marker(s.variant)}`,
        occurred_at: isoCst(scan.t),
        schema_version: 1,
        shipment_id: s.id,
        order_id: s.orderId,
        carrier: s.carrier,
        direction: s.direction,
        status: scan.status,
        origin_region: origin,
        dest_region: dest,
        promised_at: promised,
      };
      if (scan.exceptionCode) event.exception_code = scan.exceptionCode;
      this.heap.push(scan.t, { topic: 'logistics', key: s.id, event, at: scan.t });
      // Carrier webhooks retry: the odd scan arrives twice.
      if (unitHash(this.seedHash, idHash, i, 0x5ca) < SCAN_REPLAY_RATE) {
        const at = scan.t + unitHash(this.seedHash, idHash, i, 0x5cb) * 30 * MINUTE;
        this.heap.push(at, { topic: 'logistics', key: s.id, event: { ...event }, at });
      }
    }
  }

  refund(r: RefundPlan, o: OrderPlan): void {
    const idHash = hashString(r.id);
    for (let i = 0; i < r.steps.length; i++) {
      const step = r.steps[i];
      if (!step || !this.wants(step.t)) continue;
      const event: RefundEvent = {
        event_id: `ev-${r.id}-${i}${marker(r.variant)}`,
        occurred_at: isoCst(step.t),
        schema_version: 1,
        refund_id: r.id,
        order_id: o.id,
        sku_id: o.sku.id,
        shop_id: o.sku.shop.id,
        category: o.sku.category,
        host_id: o.session.host.id,
        live_session_id: o.session.id,
        type: r.type,
        reason_code: r.reason,
        amount: r.amountCents / 100,
        status: step.status,
        actor: step.actor,
      };
      if (step.ruleId) event.rule_id = step.ruleId;
      if (step.rejectReason) event.reject_reason = step.rejectReason;
      if (step.csat !== undefined) event.csat = step.csat;

      const next = r.steps[i + 1];
      let at = step.t;
      if (unitHash(this.seedHash, idHash, i, 1) < LATE_STEP_RATE) {
        // Delivered late: after the following step when that comes soon, so consumers see the
        // two out of order; otherwise just a while late.
        const lag = unitHash(this.seedHash, idHash, i, 2);
        at = next && next.t - step.t < 6 * HOUR ? next.t + SECOND + lag * 20 * MINUTE : step.t + MINUTE + lag * 2 * HOUR;
      }
      this.heap.push(at, { topic: 'refunds', key: r.id, event, at });
      if (unitHash(this.seedHash, idHash, i, 3) < REPLAY_RATE) {
        const replayAt = step.t + SECOND + unitHash(this.seedHash, idHash, i, 4) * 3 * HOUR;
        this.heap.push(replayAt, { topic: 'refunds', key: r.id, event: { ...event }, at: replayAt });
      }
      if (unitHash(this.seedHash, idHash, i, 5) < RESEND_RATE) {
        const resendAt = step.t + SECOND + unitHash(this.seedHash, idHash, i, 6) * 10 * MINUTE;
        this.heap.push(resendAt, { topic: 'refunds', key: r.id, event: { ...event, event_id: `${event.event_id}-resend` }, at: resendAt });
      }
    }
  }

  utterance(session: Session, u: Utterance): void {
    const t = session.startMs + u.offsetMs;
    if (!this.wants(t)) return;
    const event: TranscriptEvent = {
      event_id: `ev-${session.id}-${u.idPart}`,
      occurred_at: isoCst(t),
      schema_version: 1,
      live_session_id: session.id,
      host_id: session.host.id,
      shop_id: session.host.shop.id,
      speaker: u.speaker,
      text: u.text,
      offset_ms: u.offsetMs,
    };
    if (u.skuId) event.sku_id = u.skuId;
    this.heap.push(t, { topic: 'livestream-transcripts', key: session.id, event, at: t });
  }
}
