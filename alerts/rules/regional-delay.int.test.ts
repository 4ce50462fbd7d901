import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR, openFedWarehouse, ruleOf, shipments, type FedWarehouse } from '../testing/fixtures.ts';
import type { GroupResult } from '../types.ts';
import { evaluateRegionalDelay } from './regional-delay.rule.ts';

const rule = ruleOf<'regional_shipping_delay'>('regional_shipping_delay'); // 24 h, ratio 2, ≥ 50 due, alpha 0.01
let wh: FedWarehouse;

// Each scenario has its own evaluation time, three days apart, so shipments due in one
// scenario's 24 h are never due in another's. 广东 (1000 due, 5 % late) is the rest of the country.
const AT = { fire: Date.UTC(2026, 10, 10, 12), edge: Date.UTC(2026, 10, 13, 12), weak: Date.UTC(2026, 10, 16, 12) };

async function scenario(at: number, regions: Array<[region: string, due: number, late: number]>) {
  await wh.ingest('logistics', shipments(1000, 50, '广东省', at - 12 * HOUR));
  for (const [region, due, late] of regions) await wh.ingest('logistics', shipments(due, late, region, at - 6 * HOUR));
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
    const g = (await groups(at)).get('530000')!;
    expect(g.evidence.numbers).toMatchObject({ due: 70, late: 70 });
    expect(g.met).toBe(true);
    // a day later nothing of that batch is due in the window any more
    expect((await groups(at + 2 * DAY)).has('530000')).toBe(false);
  });
});
