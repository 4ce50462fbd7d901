import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anOrder, ingestAndRefresh, step } from '../../test/kpi/test-support.ts';
import type { OrderEvent, RefundEvent } from '../../contracts/index.ts';
import { binomialUpperTail } from '../../stats/binomial.ts';
import { openApiFixture, WQ, type ApiFixture } from '../../test/api/kpi-api.fixture.ts';

/**
 * “High” in the return-rate table is the high_return_sku rule's test (stats/verdict.ts) with the
 * rule's numbers (ratio 1.5, ≥ 30 orders, alpha 0.001), against the rest of the category. In
 * category 家居 on 2026-11-10 (the fixture's window):
 *   FILL   900 orders,  9 returns (1 %: the category's baseline)
 *   SMALL   49 orders,  2 returns (4.1 %: 4× the baseline, but 2 of 49 is no evidence)
 *   LEAKY   60 orders, 30 returns (50 %: high)
 *   TINY     5 orders,  3 returns (60 %: too few orders to say)
 */
let f: ApiFixture;
const SKUS = { FILL: [900, 9], SMALL: [49, 2], LEAKY: [60, 30], TINY: [5, 3] } as const;

beforeAll(async () => {
  f = await openApiFixture();
  const orders: OrderEvent[] = [];
  const refunds: RefundEvent[] = [];
  for (const [sku, [n, k]] of Object.entries(SKUS)) {
    for (let i = 0; i < n; i++) {
      const id = `V-${sku}-${i}`;
      const minute = String(i % 60).padStart(2, '0');
      const attrs = { shop_id: 'SV', category: '家居', host_id: 'HV', live_session_id: 'LV', sku_id: `SKU-${sku}` };
      orders.push(anOrder(id, `2026-11-10T0${1 + (i % 8)}:${minute}:00`, attrs));
      if (i < k) refunds.push(step(`R-${id}`, 'requested', `2026-11-10T10:${minute}:00`, { ...attrs, order_id: id, reason_code: 'quality' }));
    }
  }
  await ingestAndRefresh(f.tw.warehouse, { orders, refunds, scans: [] });
});
afterAll(async () => f?.close());

type Row = { key: string; orders: number; refunded_orders: number; verdict: Record<string, unknown> & { level: string; p_value: number; baseline: number } };

describe('return-rate verdicts use the alert rule’s test', () => {
  it('2 of 49 is not high, 30 of 60 is, 3 of 5 is too few; each verdict says why', async () => {
    const res = await f.get(`/v1/kpi/return-rates?${WQ}&by=sku&category=${encodeURIComponent('家居')}&limit=10`, f.tokens.ops);
    expect(res.status).toBe(200);
    const rows = new Map((res.body.rows as Row[]).map((r) => [r.key, r]));
    const small = rows.get('SKU-SMALL')!;
    expect(small.verdict).toMatchObject({ level: 'normal', rule: 'high_return_sku', against: 'category', n: 49, k: 2, min_n: 30, alpha: 0.001, threshold_ratio: 1.5 });
    expect(small.verdict.missed).toEqual(expect.arrayContaining(['not_significant']));
    // The rest of 家居 without SMALL: (9 + 30 + 3) / (900 + 60 + 5).
    const restSmall = 42 / 965;
    expect(small.verdict.baseline).toBeCloseTo(restSmall, 12);
    expect(small.verdict.p_value).toBeCloseTo(binomialUpperTail(2, 49, 1.5 * restSmall), 12);
    expect(rows.get('SKU-LEAKY')!.verdict).toMatchObject({ level: 'high', missed: [] });
    expect(rows.get('SKU-TINY')!.verdict).toMatchObject({ level: 'too_few', missed: expect.arrayContaining(['below_min_n']) });
    expect(rows.get('SKU-FILL')!.verdict.level).toBe('normal');
  });
});
