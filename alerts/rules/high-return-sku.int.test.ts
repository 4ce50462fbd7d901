import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR, openFedWarehouse, orders, refundsOf, ruleOf, stepOf, type FedWarehouse } from '../../test/alerts/fixtures.ts';
import type { GroupResult } from '../types.ts';
import { evaluateHighReturnSku } from './high-return-sku.rule.ts';
import { refreshKpiFacts } from '../../kpi/refresh.ts';
import { returnRates } from '../../kpi/return-rates.ts';
import { withReturnVerdicts } from '../../kpi/return-verdicts.ts';

const AT = Date.UTC(2026, 10, 20, 12);
const rule = ruleOf<'high_return_sku'>('high_return_sku'); // 7 days, ratio 1.5, ≥ 30 orders, alpha 0.001
let wh: FedWarehouse;

/**
 * A category of its own: a steady SKU (1000 orders, every tenth returned: 10 % at every order
 * age, as the rule compares day of age by day of age) plus the SKU under test, sold over the
 * same hours.
 */
async function category(cat: string, sku: string, n: number, returned: number, opts: { orderAt?: number; refundAt?: number } = {}) {
  const base = orders(1000, AT - 3 * DAY + 30 * 60_000, { sku_id: `${cat}-BASE`, category: cat });
  const test = orders(n, opts.orderAt ?? AT - 3 * DAY + 30 * 60_000, { sku_id: sku, category: cat, shop_id: 'S9' });
  const refunds = refundsOf(test.slice(0, returned), opts.refundAt ?? AT - DAY);
  await wh.ingest('orders', [...base, ...test]);
  await wh.ingest('refunds', [...refundsOf(base.filter((_, i) => i % 10 === 9), AT - DAY), ...refunds]);
  return { orders: test, refunds };
}
let hot: Awaited<ReturnType<typeof category>>;

async function groups(at = AT): Promise<Map<string, GroupResult>> {
  const result = await evaluateHighReturnSku({ client: wh.warehouse.client, at }, rule);
  return new Map(result.groups.map((g) => [g.subject.sku_id!, g]));
}

beforeAll(async () => {
  wh = await openFedWarehouse();
  hot = await category('A', 'HOT', 60, 20);
  await category('B', 'FLUKE', 3, 2);
  await category('C', 'ORDERS29', 29, 15);
  await category('C2', 'ORDERS30', 30, 15);
  await category('D', 'RATIO15', 100, 15);
  await category('E', 'NOTSIG', 40, 9);
  const cancelled = await category('F', 'CANCELLED', 60, 0);
  const f = refundsOf(cancelled.orders.slice(0, 20), AT - 2 * DAY);
  await wh.ingest('refunds', [...f, ...stepOf(f, AT - DAY, 'cancelled', 'buyer')]);
  await category('G', 'OLD', 60, 20, { orderAt: AT - 8 * DAY, refundAt: AT - 7.5 * DAY });
  await category('H', 'LATER', 60, 20, { refundAt: AT + HOUR });
  // Order age: the category's 5-day-old orders have returned 20 %, its 1-day-old ones (3000,
  // of three SKUs) none yet.
  const oldBase = orders(500, AT - 6 * DAY + 30 * 60_000, { sku_id: 'M-BASE', category: 'M' });
  const newBase = [1, 2, 3].flatMap((i) => orders(1000, AT - 2 * DAY + 30 * 60_000, { sku_id: `M-NEW${i}`, category: 'M' }));
  const early = orders(200, AT - 6 * DAY + 30 * 60_000, { sku_id: 'EARLY', category: 'M' });
  const earlyHot = orders(200, AT - 6 * DAY + 30 * 60_000, { sku_id: 'EARLYHOT', category: 'M' });
  await wh.ingest('orders', [...oldBase, ...newBase, ...early, ...earlyHot]);
  const every = (list: typeof oldBase, nth: number) => list.filter((_, i) => i % nth === 0);
  await wh.ingest('refunds', refundsOf([...every(oldBase, 5), ...every(early, 5), ...earlyHot.slice(0, 90)], AT - DAY));
});
afterAll(async () => wh?.close());

describe('high_return_sku', () => {
  it('fires for a SKU far above the rest of its category, with the evidence', async () => {
    const g = (await groups()).get('HOT')!;
    expect(g.met).toBe(true);
    expect(g.labels).toMatchObject({ sku_id: 'HOT', category: 'A', shop_id: 'S9' });
    expect(g.evidence.numbers).toMatchObject({ orders: 60, returns: 20, category_orders: 1000, category_returns: 100, category_return_rate: 0.1 });
    expect(g.evidence.numbers.sku_return_rate).toBeCloseTo(0.3333, 3);
    expect(g.evidence.test).toMatchObject({ name: 'binomial_exact_one_sided', null_rate: 0.15, alpha: 0.001 });
    expect(g.evidence.test!.p_value).toBeLessThan(0.01);
    expect(g.evidence.action).toBe('立即下架检查，复核商品质量与描述是否一致');
    expect(g.evidence.drilldown.dashboard).toMatch(/^\/#\/skus\/HOT\?/);
    expect(g.evidence.window).toEqual({ from: new Date(AT - 7 * DAY).toISOString(), to: new Date(AT).toISOString() });
  });

  it('counts a replayed refund once (at-least-once ingest)', async () => {
    await wh.ingest('refunds', hot.refunds);
    await wh.ingest('orders', hot.orders);
    expect((await groups()).get('HOT')!.evidence.numbers).toMatchObject({ orders: 60, returns: 20 });
  });

  it('does not fire on a 2-of-3 fluke, or just under the order minimum', async () => {
    const g = await groups();
    expect(g.get('FLUKE')!.met).toBe(false);
    expect(g.get('FLUKE')!.why).toMatch(/orders 3 < 30/);
    expect(g.get('ORDERS29')!.met).toBe(false);
    expect(g.get('ORDERS29')!.why).toBe('orders 29 < 30');
    expect(g.get('ORDERS30')!.met).toBe(true);
  });

  it('does not fire at exactly the ratio, or above it without significance', async () => {
    const g = await groups();
    expect(g.get('RATIO15')!.met).toBe(false);
    expect(g.get('RATIO15')!.why).toMatch(/rate 15\.0% ≤ 1\.5 × category 10\.0%/);
    const notSig = g.get('NOTSIG')!;
    expect(notSig.evidence.numbers.ratio).toBeGreaterThan(2);
    expect(notSig.met).toBe(false);
    expect(notSig.why).toMatch(/^p 0\.\d+ ≥ alpha 0\.001$/);
  });

  it('ignores cancelled refunds and orders outside the 7-day cohort', async () => {
    const g = await groups();
    expect(g.get('CANCELLED')!.evidence.numbers.returns).toBe(0);
    expect(g.get('CANCELLED')!.met).toBe(false);
    expect(g.has('OLD')).toBe(false);
  });

  it("compares each day of orders with the category's orders of the same age", async () => {
    const g = await groups();
    // 20 % of 5-day-old orders, as the category's of that age: 4 × the rest's 5 % over the
    // window (significant unmatched), but old orders have simply had longer to come back.
    const early = g.get('EARLY')!;
    expect(early.met).toBe(false);
    expect(early.evidence.numbers.category_return_rate_unmatched).toBeCloseTo(190 / 3700, 3);
    expect(early.evidence.numbers.category_return_rate).toBeCloseTo(190 / 700, 3);
    expect(early.why).toMatch(/rate 20\.0% ≤ 1\.5 × category 27\.1%/);
    const hot = g.get('EARLYHOT')!;
    expect(hot.met).toBe(true);
    expect(hot.evidence.numbers.category_return_rate).toBeCloseTo(140 / 700, 3);
  });

  it('gives the SKU table the verdict of the rule: same day-matched baseline, p-value and level', async () => {
    const g = await groups();
    await refreshKpiFacts(wh.warehouse);
    const first = g.get('EARLY')!.evidence.window;
    const w = { from: new Date(first.from), to: new Date(first.to) };
    const kpi = await returnRates(wh.warehouse, w, { category: 'M' }, undefined, 'sku', { limit: 50, offset: 0, sort: 'key', desc: false });
    const test = { rule: 'high_return_sku', ratio: rule.params.ratio, minOrders: rule.params.minOrders, alpha: rule.params.alpha };
    const rows = await withReturnVerdicts(wh.warehouse, w, { category: 'M' }, undefined, 'sku', kpi.rows, { sku: test, session: test });
    const seen = rows.map((row) => {
      const e = g.get(row.key)!.evidence;
      expect(row.verdict.baseline).toBeCloseTo(Number(e.numbers.category_return_rate), 4); // evidence is rounded
      expect(row.verdict.p_value).toBeCloseTo(e.test!.p_value, 10);
      return [row.key, row.verdict.level, g.get(row.key)!.met];
    });
    // Matched by day, EARLY is ordinary in both; unmatched (the table before) it was high.
    expect(seen).toEqual(expect.arrayContaining([['EARLY', 'normal', false], ['EARLYHOT', 'high', true]]));
    expect(seen.every(([, level, met]) => (level === 'high') === met)).toBe(true);
  });

  it('judges "as of" the window end: refunds after it are not seen yet', async () => {
    expect((await groups(AT)).get('LATER')!.met).toBe(false);
    expect((await groups(AT + 2 * HOUR)).get('LATER')!.met).toBe(true);
  });

  it('counts the orders and returns the return-rate KPI of its drilldown counts, on whole hours', async () => {
    // Evaluated 37 minutes into an hour: the cohort is the whole hours before it, as the KPI's.
    const at = AT + 37 * 60_000;
    // A category of its own with orders in the first hour of the cohort: in the KPI's whole
    // hours, and so in the rule's (a cohort starting 37 minutes into that hour would miss them).
    const early = orders(10, AT - 7 * DAY + 10 * 60_000, { sku_id: 'EDGE', category: 'K' });
    const later = orders(50, AT - 2 * DAY, { sku_id: 'EDGE', category: 'K' });
    const base = orders(200, AT - 2 * DAY, { sku_id: 'K-BASE', category: 'K' });
    await wh.ingest('orders', [...early, ...later, ...base]);
    await wh.ingest('refunds', [...refundsOf(early.slice(0, 4), AT - 5 * DAY), ...refundsOf(base.slice(0, 9), AT - DAY)]);
    // Steps the two could count differently: a request cancelled in the same millisecond (the
    // lifecycle rank says cancelled); a quality request whose later step gives another reason
    // (the latest reason counts); a cancelled refund rated afterwards (still cancelled).
    const sameMs = refundsOf(later.slice(0, 2), AT - DAY);
    const reasoned = refundsOf(later.slice(2, 4), AT - DAY, { reason_code: 'quality' });
    const rated = refundsOf(later.slice(4, 5), AT - DAY, { reason_code: 'quality' });
    await wh.ingest('refunds', [
      ...sameMs,
      ...stepOf(sameMs, AT - DAY, 'cancelled', 'buyer'),
      ...reasoned,
      ...stepOf(reasoned, AT - DAY + HOUR, 'approved').map((e) => ({ ...e, reason_code: 'dislike' as const })),
      ...rated,
      ...stepOf(rated, AT - DAY + HOUR, 'cancelled', 'buyer'),
      ...stepOf(rated, AT - DAY + 2 * HOUR, 'rated', 'buyer').map((e) => ({ ...e, csat: 1 })),
    ]);
    const g = (await groups(at)).get('EDGE')!;
    expect(g.evidence.numbers).toMatchObject({ orders: 60, returns: 6, category_orders: 200, category_returns: 9 });
    expect(g.evidence.window).toEqual({ from: new Date(AT - 7 * DAY).toISOString(), to: new Date(AT).toISOString() });
    await refreshKpiFacts(wh.warehouse);
    const w = { from: new Date(g.evidence.window.from), to: new Date(g.evidence.window.to) };
    const kpi = await returnRates(wh.warehouse, w, { category: 'K' }, undefined, 'sku', { limit: 50, offset: 0, sort: 'return_rate', desc: true });
    const row = kpi.rows.find((r) => r.key === 'EDGE')!;
    expect({ orders: row.orders, returns: row.refunded_orders, quality: row.quality_refunded_orders }).toEqual({
      orders: g.evidence.numbers.orders,
      returns: g.evidence.numbers.returns,
      quality: g.evidence.numbers.quality_returns,
    });
    const rest = kpi.rows.filter((r) => r.key !== 'EDGE');
    expect(rest.reduce((n, r) => n + r.orders, 0)).toBe(g.evidence.numbers.category_orders);
    expect(rest.reduce((n, r) => n + r.refunded_orders, 0)).toBe(g.evidence.numbers.category_returns);
  });
});
