import { QUALITY_REASON_CODES, type RefundEvent } from '../contracts/refunds.ts';
import { regionCode } from '../contracts/regions.ts';
import type { SimRecord } from './emitter.ts';

/**
 * Ground truth computed straight from generated events, the way DESIGN §4/§5 define the
 * numbers (return rate by order-date cohort, delay rate over shipments due, pending merchant
 * decisions…). Tests use it to prove incidents are in the data and absent without them; it is
 * deliberately independent of the warehouse SQL so the two can be checked against each other.
 * Streaming: feed records with add(); it keeps one small entry per order, refund and parcel.
 */

const QUALITY = new Set<string>(QUALITY_REASON_CODES);
const DECISIONS = new Set(['auto_approved', 'approved', 'rejected', 'timeout_approved']);
const APPROVALS = new Set(['auto_approved', 'approved', 'timeout_approved']);
/** Viewer questions about fabric/material (the 材质/面料 topic). */
const FABRIC = /材质|面料|纯棉|起球|掉色|涤纶|含棉|缩水|透不透|厚不厚|扎不扎/;

interface OrderFact { sku: string; category: string; session: string; host: string; t: number }
interface RefundFact { order: string; shop: string; reason: string; requestedAt: number; latestAt: number; latest: string; decidedAt: number; approvedAt: number; receivedAt: number; refundedAt: number }
interface ParcelFact { dest: string; promised: number; delivered: number }

export interface Rate { n: number; hits: number; rate: number }
const rate = (n: number, hits: number): Rate => ({ n, hits, rate: n > 0 ? hits / n : 0 });

export class EventStats {
  readonly orders = new Map<string, OrderFact>();
  readonly refunds = new Map<string, RefundFact>();
  readonly parcels = new Map<string, ParcelFact>();
  /** Offsets of fabric questions per live session. */
  readonly fabricQuestions = new Map<string, number[]>();
  /** Offsets and text of host/assistant lines that match `riskyTerms`, per session. */
  readonly riskyLines = new Map<string, Array<{ offset: number; text: string }>>();
  readonly seenEventIds = new Set<string>();
  duplicates = 0;

  constructor(private readonly riskyTerms: readonly string[] = []) {}

  add(record: SimRecord): void {
    const e = record.event;
    if (this.seenEventIds.has(e.event_id)) {
      this.duplicates++;
      return;
    }
    this.seenEventIds.add(e.event_id);
    const t = Date.parse(e.occurred_at);
    if ('order_id' in e && record.topic === 'orders' && 'live_offset_ms' in e) {
      this.orders.set(e.order_id, { sku: e.sku_id, category: e.category, session: e.live_session_id, host: e.host_id, t });
    } else if (record.topic === 'refunds') {
      this.addRefund(e as RefundEvent, t);
    } else if ('shipment_id' in e) {
      const parcel = this.parcels.get(e.shipment_id) ?? { dest: regionCode(e.dest_region) ?? e.dest_region, promised: Date.parse(e.promised_at), delivered: Infinity };
      if (e.status === 'delivered') parcel.delivered = t;
      this.parcels.set(e.shipment_id, parcel);
    } else if ('speaker' in e) {
      if (e.speaker === 'viewer' && FABRIC.test(e.text)) push(this.fabricQuestions, e.live_session_id, e.offset_ms);
      if (e.speaker !== 'viewer' && this.riskyTerms.length > 0) {
        const normalised = e.text.normalize('NFKC').replace(/\s+/g, '').replace(/百分之百|百分百/g, '100%');
        if (this.riskyTerms.some((term) => normalised.includes(term))) push(this.riskyLines, e.live_session_id, { offset: e.offset_ms, text: e.text });
      }
    }
  }

  private addRefund(e: RefundEvent, t: number): void {
    let fact = this.refunds.get(e.refund_id);
    if (!fact) {
      fact = { order: e.order_id, shop: e.shop_id, reason: e.reason_code, requestedAt: Infinity, latestAt: -Infinity, latest: '', decidedAt: Infinity, approvedAt: Infinity, receivedAt: Infinity, refundedAt: Infinity };
      this.refunds.set(e.refund_id, fact);
    }
    if (e.status === 'requested') fact.requestedAt = Math.min(fact.requestedAt, t);
    if (DECISIONS.has(e.status)) fact.decidedAt = Math.min(fact.decidedAt, t);
    if (APPROVALS.has(e.status)) fact.approvedAt = Math.min(fact.approvedAt, t);
    if (e.status === 'merchant_received') fact.receivedAt = Math.min(fact.receivedAt, t);
    if (e.status === 'refunded') fact.refundedAt = Math.min(fact.refundedAt, t);
    // Steps arrive out of order: the latest by occurred_at wins.
    if (t >= fact.latestAt) {
      fact.latestAt = t;
      fact.latest = e.status;
    }
  }

  /** 7-day-style return rate: orders placed in [fromMs, toMs), refunds requested before asOfMs and not cancelled. */
  returnRates(fromMs: number, toMs: number, asOfMs: number) {
    const bySku = new Map<string, { category: string; orders: number; returns: number; quality: number }>();
    const byCategory = new Map<string, { orders: number; returns: number; quality: number }>();
    const returned = new Map<string, { quality: boolean }>();
    for (const r of this.refunds.values()) {
      if (r.requestedAt < asOfMs && r.latest !== 'cancelled') returned.set(r.order, { quality: QUALITY.has(r.reason) });
    }
    for (const [id, o] of this.orders) {
      if (o.t < fromMs || o.t >= toMs) continue;
      const r = returned.get(id);
      const sku = bySku.get(o.sku) ?? { category: o.category, orders: 0, returns: 0, quality: 0 };
      const cat = byCategory.get(o.category) ?? { orders: 0, returns: 0, quality: 0 };
      for (const acc of [sku, cat]) {
        acc.orders++;
        if (r) acc.returns++;
        if (r?.quality) acc.quality++;
      }
      bySku.set(o.sku, sku);
      byCategory.set(o.category, cat);
    }
    return { bySku, byCategory };
  }

  /** Delay rate per destination (GB code) over parcels due in [fromMs, toMs), judged at asOfMs. */
  delayRates(fromMs: number, toMs: number, asOfMs: number): { byRegion: Map<string, Rate>; national: Rate } {
    const counts = new Map<string, { n: number; late: number }>();
    let n = 0;
    let late = 0;
    for (const p of this.parcels.values()) {
      if (p.promised < fromMs || p.promised >= toMs || p.promised >= asOfMs) continue;
      const isLate = p.delivered > p.promised && (p.delivered < Infinity || asOfMs > p.promised);
      const c = counts.get(p.dest) ?? { n: 0, late: 0 };
      c.n++;
      n++;
      if (isLate) {
        c.late++;
        late++;
      }
      counts.set(p.dest, c);
    }
    return { byRegion: new Map([...counts].map(([k, c]) => [k, rate(c.n, c.late)])), national: rate(n, late) };
  }

  /**
   * Payout stages (DESIGN §4 money_back: merchant_received, else the approval, → refunded) that
   * ended in [fromMs, toMs): their durations, sorted.
   */
  payoutDurations(fromMs: number, toMs: number): number[] {
    const out: number[] = [];
    for (const r of this.refunds.values()) {
      const start = r.receivedAt < Infinity ? r.receivedAt : r.approvedAt;
      if (start < Infinity && r.refundedAt >= fromMs && r.refundedAt < toMs && r.refundedAt >= start) out.push(r.refundedAt - start);
    }
    return out.sort((a, b) => a - b);
  }

  /** Refunds per shop requested more than `slaMs` before asOfMs with no decision and not closed by then. */
  pendingDecisions(asOfMs: number, slaMs: number): Map<string, number> {
    const out = new Map<string, number>();
    for (const r of this.refunds.values()) {
      if (!(r.requestedAt < asOfMs - slaMs) || r.decidedAt < asOfMs) continue;
      if (r.latest === 'cancelled' && r.latestAt < asOfMs) continue;
      out.set(r.shop, (out.get(r.shop) ?? 0) + 1);
    }
    return out;
  }

  /** Refund requests (before asOfMs) over orders, per live session and per host. */
  sessionRefundRates(asOfMs: number): { bySession: Map<string, Rate & { host: string }>; byHost: Map<string, Rate> } {
    const refunded = new Set<string>();
    for (const r of this.refunds.values()) if (r.requestedAt < asOfMs) refunded.add(r.order);
    const sessions = new Map<string, { host: string; n: number; hits: number }>();
    const hosts = new Map<string, { n: number; hits: number }>();
    for (const [id, o] of this.orders) {
      const s = sessions.get(o.session) ?? { host: o.host, n: 0, hits: 0 };
      const h = hosts.get(o.host) ?? { n: 0, hits: 0 };
      s.n++;
      h.n++;
      if (refunded.has(id)) {
        s.hits++;
        h.hits++;
      }
      sessions.set(o.session, s);
      hosts.set(o.host, h);
    }
    return {
      bySession: new Map([...sessions].map(([k, s]) => [k, { ...rate(s.n, s.hits), host: s.host }])),
      byHost: new Map([...hosts].map(([k, h]) => [k, rate(h.n, h.hits)])),
    };
  }

  /** The most fabric questions any `windowMs` stretch of each session saw. */
  peakFabricQuestions(windowMs: number): Map<string, number> {
    const out = new Map<string, number>();
    for (const [session, offsets] of this.fabricQuestions) {
      const sorted = [...offsets].sort((a, b) => a - b);
      let best = 0;
      for (let i = 0, j = 0; i < sorted.length; i++) {
        while ((sorted[i] as number) - (sorted[j] as number) >= windowMs) j++;
        best = Math.max(best, i - j + 1);
      }
      out.set(session, best);
    }
    return out;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
