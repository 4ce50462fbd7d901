import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR, openFedWarehouse, ruleOf, shipments, type FedWarehouse } from '../../test/alerts/fixtures.ts';
import type { GroupResult } from '../types.ts';
import { logisticsRegions } from '../../kpi/logistics.ts';
import { refreshKpiFacts } from '../../kpi/refresh.ts';
import { evaluateRegionalDelay, regionVerdictParams } from './regional-delay.rule.ts';
import { loadRulesFile } from '../rule-config.ts';

const rule = ruleOf<'regional_shipping_delay'>('regional_shipping_delay'); // 24 h, ratio 2, ≥ 50 due, alpha 0.01
let wh: FedWarehouse;

// Each scenario has its own evaluation time, three days apart, so shipments due in one
// scenario's 24 h are never due in another's. 广东 (1000 due, 5 % late) is the rest of the country.
const AT = { fire: Date.UTC(2026, 10, 10, 12), edge: Date.UTC(2026, 10, 13, 12), weak: Date.UTC(2026, 10, 16, 12) };

async function scenario(at: number, regions: Array<[region: string, due: number, late: number]>) {
  await wh.ingest('logistics', shipments(1000, 50, '广东省', at - 12 * HOUR));
  for (const [region, due, late] of regions) await wh.ingest('logistics', shipments(due, late, region, at - 6 * HOUR));
  await refreshKpiFacts(wh.warehouse); // the rule reads the KPI's shipment facts
}

async function groups(at: number): Promise<Map<string, GroupResult>> {
  const result = await evaluateRegionalDelay({ client: wh.warehouse.client, at }, rule);
  return new Map(result.groups.map((g) => [g.subject.region_code!, g]));
}

beforeAll(async () => {
  wh = await openFedWarehouse();
  // 四川 (code or name, both accepted): 60 due, 30 late. 浙江: 49 due, 40 late (one short of the minimum).
  await scenario(AT.fire, [['510000', 60, 30], ['浙江', 49, 40]]);
  // exactly 2 × the national 5 %: 100 due, 10 late.
  await scenario(AT.edge, [['四川省', 100, 10]]);
  // 18 % is 3.6 × national but 9 of 50 is not significant against the 10 % threshold.
  await scenario(AT.weak, [['四川省', 50, 9]]);
});
afterAll(async () => wh?.close());

describe('regional_shipping_delay', () => {
  it('fires for a region late far more often than the rest of the country, with the evidence', async () => {
    const g = (await groups(AT.fire)).get('510000')!;
    expect(g.met).toBe(true);
    expect(g.labels).toEqual({ region_code: '510000', region: '四川省' });
    expect(g.evidence.numbers).toMatchObject({ due: 60, late: 30, region_delay_rate: 0.5, national_due: 1049, national_late: 90 });
    expect(g.evidence.test!.p_value).toBeLessThan(1e-6);
    expect(g.evidence.drilldown.dashboard).toMatch(/^\/#\/logistics\?region=510000/);
    expect(g.evidence.action).toBe('主动通知受影响买家，提供补偿方案');
  });

  it('does not fire one shipment under the minimum', async () => {
    const g = (await groups(AT.fire)).get('330000')!;
    expect(g.met).toBe(false);
    expect(g.why).toMatch(/^due 49 < 50/);
  });

  it('does not fire at exactly the ratio, nor above it without significance', async () => {
    const edge = (await groups(AT.edge)).get('510000')!;
    expect(edge.met).toBe(false);
    expect(edge.why).toMatch(/delay rate 10\.0% ≤ 2 × national 5\.0%/);
    const weak = (await groups(AT.weak)).get('510000')!;
    expect(weak.evidence.numbers.ratio).toBeGreaterThan(3);
    expect(weak.met).toBe(false);
    expect(weak.why).toMatch(/^p 0\.\d+ ≥ alpha 0\.01$/);
  });

  it('counts undelivered shipments past their promise as late, and only shipments due in the window', async () => {
    // 70 shipments to 云南 promised 2 h before the check, with no delivery scan at all.
    const at = Date.UTC(2026, 10, 19, 12);
    await wh.ingest('logistics', shipments(1000, 50, '广东省', at - 12 * HOUR));
    const undelivered = shipments(70, 0, '云南省', at - 2 * HOUR).filter((s) => s.status === 'created');
    await wh.ingest('logistics', undelivered);
    await refreshKpiFacts(wh.warehouse);
    const g = (await groups(at)).get('530000')!;
    expect(g.evidence.numbers).toMatchObject({ due: 70, late: 70 });
    expect(g.met).toBe(true);
    // a day later nothing of that batch is due in the window any more
    expect((await groups(at + 2 * DAY)).has('530000')).toBe(false);
  });

  it('counts what the logistics KPI its drilldown opens counts, and the KPI rows carry the same verdict', async () => {
    // Issue #21: shipments created 40 days before a promise that falls in the window (their
    // scans all older than the rule's former 30-day look-back) are due in the KPI, so in the rule.
    const at = Date.UTC(2026, 10, 25, 12);
    await wh.ingest('logistics', shipments(1000, 50, '广东省', at - 12 * HOUR));
    const old = shipments(60, 30, '四川省', at - 6 * HOUR).map((e) =>
      e.status === 'created' ? { ...e, occurred_at: new Date(at - 40 * DAY).toISOString() } : e,
    );
    // Undelivered shipments created long ago: their only scan is 40 days old.
    const stale = shipments(10, 0, '四川省', at - 5 * HOUR)
      .filter((e) => e.status === 'created')
      .map((e) => ({ ...e, occurred_at: new Date(at - 40 * DAY).toISOString() }));
    await wh.ingest('logistics', [...old, ...stale]);
    await refreshKpiFacts(wh.warehouse);

    const evaluation = await evaluateRegionalDelay({ client: wh.warehouse.client, at }, rule);
    const window = { from: new Date(evaluation.window.from), to: new Date(evaluation.window.to) };
    const page = { limit: 100, offset: 0, sort: 'region', desc: false };
    const test = regionVerdictParams(loadRulesFile().rules)!;
    const kpi = await logisticsRegions(wh.warehouse, window, {}, undefined, page, { now: new Date(at + HOUR) }, test);
    expect(evaluation.groups.map((g) => g.subject.region_code).sort()).toEqual(kpi.regions.rows.filter((r) => r.due > 0).map((r) => r.region_code).sort()); // rows of stalled parcels alone are due nowhere
    for (const g of evaluation.groups) {
      const row = kpi.regions.rows.find((r) => r.region_code === g.subject.region_code)!;
      const n = g.evidence.numbers;
      expect({ due: n.due, late: n.late, rest_due: n.national_due, rest_late: n.national_late }, row.region_code).toEqual({
        due: row.due,
        late: row.delayed,
        rest_due: kpi.national.due - row.due,
        rest_late: kpi.national.delayed - row.delayed,
      });
      expect(row.verdict.level === 'high', row.region_code).toBe(g.met);
      expect(row.verdict.p_value).toBe(g.evidence.test!.p_value);
    }
    const sichuan = evaluation.groups.find((g) => g.subject.region_code === '510000')!;
    expect(sichuan.evidence.numbers).toMatchObject({ due: 70, late: 40, national_due: 1000, national_late: 50 });
    expect(sichuan.met).toBe(true);
    expect(kpi.regions.rows.find((r) => r.region_code === '510000')!.verdict).toMatchObject({ level: 'high', n: 70, k: 40, min_n: 50, alpha: 0.01 });
    expect(kpi.regions.rows.find((r) => r.region_code === '440000')!.verdict.level).toBe('normal');
  });
});
