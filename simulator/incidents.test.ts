import { beforeAll, describe, expect, it } from 'vitest';
import { EventStats } from './event-stats.ts';
import { CAUTIONARY_LINES } from './host-phrases.ts';
import type { Incident, IncidentKind } from './incidents.ts';
import { createSimulation, type Simulation } from './simulation.ts';
import { DAY, HOUR, MINUTE } from './time.ts';

/**
 * Every incident of the manifest is in the data — computed from the events the way the alert
 * rules define their numbers — and none of these patterns exists when incidents are off.
 */

const ANCHOR = Date.UTC(2025, 9, 9, 8, 53, 20);
const RISKY_TERMS = ['全网最低', '100%', '根治', '绝对', '国家级', '微信', '私聊', '全网第一', '史上最低'];
const SLA = 48 * HOUR;
/** The stage-bottleneck rule's p90 (quantileExactInclusive) of sorted durations. */
const p90 = (sorted: readonly number[]) => {
  const h = (sorted.length - 1) * 0.9;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[lo + 1] ?? sorted[lo]!) - sorted[lo]!);
};

function analyse(sim: Simulation): EventStats {
  const stats = new EventStats(RISKY_TERMS);
  for (const record of sim.events(ANCHOR - 8 * DAY, ANCHOR)) stats.add(record);
  return stats;
}

/** Session rate vs the host's rate over their other sessions at least as mature (DESIGN: "the host's usual rate"). */
function sessionVsUsual(stats: EventStats, sessionId: string, hostId: string, asOf: number) {
  const refunded = new Set<string>();
  for (const r of stats.refunds.values()) if (r.requestedAt < asOf) refunded.add(r.order);
  let n = 0;
  let hits = 0;
  let usualN = 0;
  let usualHits = 0;
  let start = Infinity;
  for (const o of stats.orders.values()) if (o.session === sessionId) start = Math.min(start, o.t);
  for (const [id, o] of stats.orders) {
    if (o.host !== hostId) continue;
    if (o.session === sessionId) {
      n++;
      if (refunded.has(id)) hits++;
    } else if (o.t <= start + 6 * HOUR) {
      usualN++;
      if (refunded.has(id)) usualHits++;
    }
  }
  return { n, rate: hits / n, usual: usualHits / usualN, usualN };
}

describe('incidents on', () => {
  const sim = createSimulation({ seed: 42, anchorMs: ANCHOR });
  let stats: EventStats;
  beforeAll(() => {
    stats = analyse(sim);
  });
  const incident = (kind: IncidentKind): Incident => {
    const found = sim.incidents.find((i) => i.kind === kind);
    if (!found) throw new Error(`no ${kind} in the manifest`);
    return found;
  };

  it('the manifest lists one of each kind, with subject, span and the alert that should catch it', () => {
    expect(sim.incidents.map((i) => i.kind).sort()).toEqual(
      ['merchant_sla_breach', 'refund_payout_backlog', 'regional_shipping_delay', 'risky_host_wording', 'session_refund_spike', 'sku_return_spike', 'viewer_question_spike'],
    );
    for (const i of sim.incidents) {
      expect(i.endMs).toBeGreaterThan(i.startMs);
      expect(i.startMs).toBeLessThan(ANCHOR);
      expect(Object.keys(i.subject).length).toBeGreaterThan(0);
      expect(i.expectedAlert.rule).toMatch(/^[a-z_]+$/);
    }
  });

  it('(a) the SKU returns ≥ 3× its category over 7 days, with ≥ 60 orders, mostly for quality', () => {
    const skuId = incident('sku_return_spike').subject.sku_id as string;
    const { bySku, byCategory } = stats.returnRates(ANCHOR - 7 * DAY, ANCHOR, ANCHOR);
    const sku = bySku.get(skuId);
    if (!sku) throw new Error('spiking SKU has no orders');
    const category = byCategory.get(sku.category)!;
    expect(sku.orders).toBeGreaterThanOrEqual(60);
    expect(sku.returns / sku.orders).toBeGreaterThanOrEqual(3 * (category.returns / category.orders));
    expect(sku.quality / sku.returns).toBeGreaterThan(0.6);
  });

  it('(b) the host makes risky claims repeatedly in one session, 8+ of them within 10 minutes', () => {
    const sessionId = incident('risky_host_wording').subject.live_session_id as string;
    const lines = (stats.riskyLines.get(sessionId) ?? []).filter((l) => !CAUTIONARY_LINES.includes(l.text));
    expect(lines.length).toBeGreaterThanOrEqual(15);
    const offsets = lines.map((l) => l.offset).sort((a, b) => a - b);
    const densest = Math.max(...offsets.map((o) => offsets.filter((p) => p >= o && p < o + 10 * MINUTE).length));
    expect(densest).toBeGreaterThanOrEqual(8);
  });

  it('(c) 四川 deliveries due in the last 24 h run late at > 2× the national rate, with ≥ 50 due', () => {
    const { byRegion, national } = stats.delayRates(ANCHOR - 24 * HOUR, ANCHOR, ANCHOR);
    const sichuan = byRegion.get(incident('regional_shipping_delay').subject.region_code as string)!;
    expect(sichuan.n).toBeGreaterThanOrEqual(50);
    expect(sichuan.rate).toBeGreaterThan(2 * national.rate);
  });

  it('(d) the shop leaves refunds without a merchant decision past 48 h', () => {
    const shopId = incident('merchant_sla_breach').subject.shop_id as string;
    const pending = stats.pendingDecisions(ANCHOR, SLA);
    expect(pending.get(shopId) ?? 0).toBeGreaterThanOrEqual(50);
    expect([...pending.keys()]).toEqual([shopId]);
  });

  it("(e) the session's refund rate is far (≥ 3×) above the host's usual rate", () => {
    const { live_session_id, host_id } = incident('session_refund_spike').subject;
    const r = sessionVsUsual(stats, live_session_id as string, host_id as string, ANCHOR);
    expect(r.n).toBeGreaterThanOrEqual(50);
    expect(r.rate).toBeGreaterThanOrEqual(3 * r.usual);
  });

  it('(f) viewers flood the session with fabric questions within 5 minutes', () => {
    const flood = incident('viewer_question_spike');
    const peaks = stats.peakFabricQuestions(5 * MINUTE);
    expect(peaks.get(flood.subject.live_session_id as string)).toBeGreaterThanOrEqual(40);
  });

  it('(g) payouts of the backlog day take far longer: the 24 h p90 at the anchor is > 2× the week before', () => {
    const backlog = incident('refund_payout_backlog');
    expect(backlog.subject.stage).toBe('money_back');
    const recentTo = ANCHOR;
    const recent = stats.payoutDurations(recentTo - 24 * HOUR, recentTo);
    const baseline = stats.payoutDurations(backlog.startMs - 7 * DAY, backlog.startMs);
    expect(recent.length).toBeGreaterThanOrEqual(30);
    expect(p90(recent)).toBeGreaterThan(2 * p90(baseline));
  });
});

describe('incidents off: none of the patterns appears', () => {
  const sim = createSimulation({ seed: 42, anchorMs: ANCHOR, incidents: false });
  let stats: EventStats;
  beforeAll(() => {
    stats = analyse(sim);
  });

  it('the manifest is empty', () => expect(sim.incidents).toEqual([]));

  it('no SKU with ≥ 60 orders returns ≥ 3× its category', () => {
    const { bySku, byCategory } = stats.returnRates(ANCHOR - 7 * DAY, ANCHOR, ANCHOR);
    for (const [sku, s] of bySku) {
      if (s.orders < 60) continue;
      const c = byCategory.get(s.category)!;
      expect({ sku, ratio: s.returns / s.orders / (c.returns / c.orders) }).toSatisfy((x: { ratio: number }) => x.ratio < 3);
    }
  });

  it('host speech has no risky claim except hosts warning viewers against one', () => {
    for (const lines of stats.riskyLines.values()) for (const line of lines) expect(CAUTIONARY_LINES).toContain(line.text);
  });

  it('no province with ≥ 50 parcels due in any 24 h runs late at > 2× the national rate', () => {
    for (let t = ANCHOR - 4 * DAY; t <= ANCHOR; t += 3 * HOUR) {
      const { byRegion, national } = stats.delayRates(t - 24 * HOUR, t, t);
      for (const [region, r] of byRegion) if (r.n >= 50) expect({ region, t, rate: r.rate }).toSatisfy((x: { rate: number }) => x.rate <= 2 * national.rate);
    }
  });

  it('no refund waits for a merchant decision past 48 h', () => {
    for (let t = ANCHOR - 3 * DAY; t <= ANCHOR; t += 2 * HOUR) expect(stats.pendingDecisions(t, SLA).size).toBe(0);
  });

  it("no session's refund rate reaches 3× the host's usual rate", () => {
    const sessions = new Map<string, string>();
    for (const o of stats.orders.values()) if (o.t < ANCHOR - 3 * DAY) sessions.set(o.session, o.host);
    for (const [sessionId, hostId] of sessions) {
      const r = sessionVsUsual(stats, sessionId, hostId, ANCHOR);
      if (r.n >= 50 && r.usualN >= 100) expect({ sessionId, ratio: r.rate / r.usual }).toSatisfy((x: { ratio: number }) => x.ratio < 3);
    }
  });

  it("no 24 h window's payout p90 exceeds 1.5× the 7 days before it", () => {
    for (let t = ANCHOR - 3 * DAY; t <= ANCHOR; t += 6 * HOUR) {
      const recent = stats.payoutDurations(t - 24 * HOUR, t);
      const baseline = stats.payoutDurations(t - 8 * DAY, t - 24 * HOUR);
      expect({ t, ratio: p90(recent) / p90(baseline) }).toSatisfy((x: { ratio: number }) => x.ratio <= 1.5);
    }
  });

  it('no session sees more than 15 fabric questions in any 5 minutes', () => {
    for (const peak of stats.peakFabricQuestions(5 * MINUTE).values()) expect(peak).toBeLessThanOrEqual(15);
  });
});
