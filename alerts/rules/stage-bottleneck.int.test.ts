import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefundEvent } from '../../contracts/index.ts';
import { DAY, HOUR, openFedWarehouse, orders, refundsOf, ruleOf, stepOf, type FedWarehouse } from '../../test/alerts/fixtures.ts';
import type { GroupResult } from '../types.ts';
import { evaluateStageBottleneck } from './stage-bottleneck.rule.ts';
import { refreshKpiFacts } from '../../kpi/refresh.ts';
import { refundStages } from '../../kpi/refund-flow.ts';

const rule = ruleOf<'stage_bottleneck'>('stage_bottleneck'); // 24 h vs the 7 days before, ratio 1.5, ≥ 30 / ≥ 100
const AT = Date.UTC(2026, 10, 10, 12);
const AT2 = AT + 20 * DAY; // far enough that nothing of the first scenario is in its windows
let wh: FedWarehouse;

/**
 * `n` refunds that went from status `from` to status `to` in `hours`, ending at `endMs`. Only
 * those two steps are stored, so no other stage is measured for them.
 */
async function stage(n: number, from: RefundEvent['status'], to: RefundEvent['status'], hours: number, endMs: number) {
  const start = refundsOf(orders(n, endMs - 10 * DAY), endMs - hours * HOUR);
  const first = from === 'requested' ? start : stepOf(start, endMs - hours * HOUR, from);
  await wh.ingest('refunds', [...first, ...stepOf(start, endMs, to)]);
}

async function groups(at: number): Promise<Map<string, GroupResult>> {
  const result = await evaluateStageBottleneck({ client: wh.warehouse.client, at }, rule);
  return new Map(result.groups.map((g) => [g.subject.stage!, g]));
}

beforeAll(async () => {
  wh = await openFedWarehouse();
  // decision: 10 h normally, 20 h in the last day → 2 ×.
  await stage(200, 'requested', 'approved', 10, AT - 3 * DAY);
  await stage(40, 'requested', 'approved', 20, AT - 6 * HOUR);
  // ship_back: 4 × slower, but only 20 completions in the last day.
  await stage(200, 'approved', 'buyer_shipped', 10, AT - 3 * DAY);
  await stage(20, 'approved', 'buyer_shipped', 40, AT - 6 * HOUR);
  // transit: 50 h → 70 h, 1.4 ×.
  await stage(200, 'buyer_shipped', 'merchant_received', 50, AT - 3 * DAY);
  await stage(40, 'buyer_shipped', 'merchant_received', 70, AT - 6 * HOUR);
  // Second scenario: a 3 × slower decision against a baseline of only 50.
  await stage(50, 'requested', 'approved', 10, AT2 - 3 * DAY);
  await stage(40, 'requested', 'approved', 30, AT2 - 6 * HOUR);
  await refreshKpiFacts(wh.warehouse); // the rule reads the KPI's stage facts
});
afterAll(async () => wh?.close());

describe('stage_bottleneck', () => {
  it("fires for a stage whose last-24 h p90 is far above its 7-day level, with the evidence", async () => {
    const g = (await groups(AT)).get('decision')!;
    expect(g.met).toBe(true);
    expect(g.labels).toEqual({ stage: 'decision', stage_name: '商家审核' });
    expect(g.evidence.numbers).toMatchObject({ recent_p90_hours: 20, baseline_p90_hours: 10, ratio: 2, recent_completions: 40, baseline_completions: 200 });
    expect(g.evidence.window).toEqual({ from: new Date(AT - DAY).toISOString(), to: new Date(AT).toISOString() });
  });

  it('does not fire below the ratio or on too few completions', async () => {
    const g = await groups(AT);
    expect(g.get('transit')).toMatchObject({ met: false, why: 'p90 70 h ≤ 1.5 × baseline 50 h' });
    expect(g.get('ship_back')).toMatchObject({ met: false, why: 'recent completions 20 < 30' });
    expect(g.has('money_back')).toBe(false);
    const thin = (await groups(AT2)).get('decision')!;
    expect(thin).toMatchObject({ met: false, why: 'baseline completions 50 < 100' });
  });

  it('clears once the slow day leaves the recent window', async () => {
    const later = (await groups(AT + 2 * DAY)).get('decision')!;
    expect(later.met).toBe(false);
    expect(later.evidence.numbers.recent_completions).toBe(0);
  });

  it('reports the recent completions and p90 the stages KPI of its drilldown reports', async () => {
    // Durations 1 … 35 h, so how the 90th percentile is taken matters (exact vs interpolated).
    const at = AT + 40 * DAY;
    for (let h = 1; h <= 35; h++) await stage(1, 'requested', 'approved', h, at - 2 * HOUR);
    await stage(1, 'requested', 'approved', 99, at); // ends exactly at the window end: the next window's
    await stage(1, 'requested', 'approved', 40 * 24, at - 3 * HOUR); // requested 40 days before: no look-back in either
    await refreshKpiFacts(wh.warehouse);
    const g = (await groups(at)).get('decision')!;
    const w = { from: new Date(g.evidence.window.from), to: new Date(g.evidence.window.to) };
    const kpi = (await refundStages(wh.warehouse, w, {})).stages.find((s) => s.stage === 'decision')!;
    expect(g.evidence.numbers.recent_completions).toBe(36);
    expect(kpi.completed).toBe(36);
    expect(g.evidence.numbers.recent_p90_hours).toBe(Math.round((kpi.p90_s! / 3600) * 10) / 10);
    expect(kpi.p90_s! / 3600).toBeCloseTo(32.5, 6); // interpolated over 1 … 35, 960 h: 32 + 0.5 × (33 − 32)
  });
});
