import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenStore } from '../../auth/tokens.ts';
import { aScan, anOrder, ingestAndRefresh, step } from '../../test/kpi/test-support.ts';
import { queryRows } from '../../warehouse/client.ts';
import { openApiFixture, WQ, type ApiFixture } from '../../test/api/kpi-api.fixture.ts';

/**
 * The sku_id filter on every KPI endpoint. Beside the fixture's SKU-A (服饰, HA) and SKU-B (美妆,
 * HB) this adds a second SKU of the same shop, host, session and category, so a SKU filter
 * answers differently from every coarser filter:
 *   OA2  SKU-A2, 2026-11-10 03:00, 广东; refund RA2 (dislike) requested 05:00, rejected 06:00
 *   SHA2 its shipment: promised 11-10 20:00, one `created` scan 72 h before now, nothing since
 *        → due and delayed in W, stalled and pickup overdue now
 */
let f: ApiFixture;
let cmMeizhuang: string;
const attrsA2 = { shop_id: 'SA', category: '服饰', host_id: 'HA', live_session_id: 'LA', sku_id: 'SKU-A2' };

beforeAll(async () => {
  f = await openApiFixture();
  const created = new Date(Date.now() - 72 * 3600_000).toISOString();
  const r = { ...attrsA2, order_id: 'OA2', reason_code: 'dislike', type: 'refund_only' } as const;
  await ingestAndRefresh(f.tw.warehouse, {
    orders: [anOrder('OA2', '2026-11-10T03:00:00', { ...attrsA2, region: '广东省' })],
    refunds: [step('RA2', 'requested', '2026-11-10T05:00:00', r), step('RA2', 'rejected', '2026-11-10T06:00:00', r)],
    scans: [aScan('SHA2', 'created', created, { order_id: 'OA2', dest_region: '广东省', promised_at: '2026-11-10T20:00:00Z' })],
  });
  cmMeizhuang = (await new TokenStore(f.tw.warehouse).create({ role: 'category_manager', categories: ['美妆'] })).token;
});
afterAll(async () => f?.close());

type Tile = { key: string; value: number | null; previous: number | null };
const tiles = (body: Record<string, unknown>) => Object.fromEntries((body.tiles as Tile[]).map((t) => [t.key, t.value]));
const SKU = 'sku_id=SKU-A2';

describe('sku_id filter', () => {
  it('overview: every tile of SKU-A2 alone', async () => {
    const res = await f.get(`/v1/kpi/overview?${WQ}&${SKU}`, f.tokens.ops);
    expect(res.status).toBe(200);
    expect(tiles(res.body)).toMatchObject({
      refund_requests: 1,
      rejection_rate: 1,
      success_rate: 0, // closed by the rejection
      csat_mean: null,
      processing_time_mean_s: null,
      return_rate_7d: 1, // OA2 has a refund that is not cancelled
      quality_return_rate_7d: 0, // dislike is not a quality reason
      delay_rate: 1, // SHA2 promised 20:00, never delivered
      stalled_shipments: 1,
      pickup_overdue: 1,
    });
    // Snapshots keep no per-SKU history: the backlog tiles have no previous value.
    expect((res.body.tiles as Tile[]).find((t) => t.key === 'stalled_shipments')!.previous).toBeNull();
    // Host HA without the SKU filter sees both of its SKUs.
    expect(tiles((await f.get(`/v1/kpi/overview?${WQ}&host_id=HA`, f.tokens.ops)).body).refund_requests).toBe(2);
  });

  it('return rates for every grouping, with the category baseline over the whole category', async () => {
    for (const [by, key] of [
      ['sku', 'SKU-A2'],
      ['host', 'HA'],
      ['session', 'LA'],
      ['category', '服饰'],
      ['shop', 'SA'],
    ]) {
      const r = (await f.get(`/v1/kpi/return-rates?${WQ}&by=${by}&${SKU}`, f.tokens.ops)).body;
      expect(r.total, by).toBe(1);
      expect((r.rows as unknown[])[0], by).toEqual({
        key,
        title: null, // no product titles in this store
        category: '服饰',
        orders: 1,
        refunded_orders: 1,
        quality_refunded_orders: 0,
        return_rate: 1,
        quality_return_rate: 0,
        // 服饰: OA and OA2 both refunded (2/2); OA's refund is a quality one (1/2).
        baseline_return_rate: 1,
        baseline_quality_return_rate: 0.5,
        // One order: the rule's test cannot judge it (kpi-verdict.route.int.test.ts tests the verdict).
        verdict: expect.objectContaining({ level: 'too_few', n: 1, k: 1 }),
      });
    }
  });

  it('reasons, stages, CSAT, trends and logistics', async () => {
    const reasons = (await f.get(`/v1/kpi/reasons?${WQ}&by=sku&${SKU}`, f.tokens.ops)).body;
    expect(reasons.rows).toEqual([{ key: 'SKU-A2', reason_code: 'dislike', reason_group: 'no_reason', count: 1, share: 1 }]);
    const stages = (await f.get(`/v1/kpi/stages?${WQ}&${SKU}`, f.tokens.ops)).body as { stages: Array<{ stage: string; completed: number; mean_s: number | null }> };
    expect(stages.stages.map((s) => [s.stage, s.completed, s.mean_s])).toEqual([
      ['decision', 1, 3600],
      ['ship_back', 0, null],
      ['transit', 0, null],
      ['money_back', 0, null],
    ]);
    expect((await f.get(`/v1/kpi/csat?${WQ}&sku_id=SKU-A`, f.tokens.ops)).body).toMatchObject({ ratings: 1, mean: 5 });
    expect((await f.get(`/v1/kpi/csat?${WQ}&${SKU}`, f.tokens.ops)).body).toMatchObject({ ratings: 0, mean: null });
    const trend = (await f.get(`/v1/kpi/trends?${WQ}&metric=refund_requests&${SKU}`, f.tokens.ops)).body as { points: Array<{ bucket: string; value: number }> };
    expect(trend.points.filter((p) => p.value > 0).map((p) => [p.bucket, p.value])).toEqual([['2026-11-10T05:00:00.000Z', 1]]);
    const returns = (await f.get(`/v1/kpi/trends?${WQ}&metric=return_rate&granularity=day&tz=UTC&${SKU}`, f.tokens.ops)).body as { points: Array<{ numerator: number; denominator: number }> };
    expect(returns.points.map((p) => [p.numerator, p.denominator])).toEqual([[1, 1]]);
    const delay = (await f.get(`/v1/kpi/trends?${WQ}&metric=delay_rate&granularity=day&tz=UTC&${SKU}`, f.tokens.ops)).body as { points: Array<{ value: number }> };
    expect(delay.points.map((p) => p.value)).toEqual([1]);
    const logistics = (await f.get(`/v1/kpi/logistics?${WQ}&${SKU}`, f.tokens.ops)).body as {
      national: Record<string, unknown>;
      regions: { rows: Array<Record<string, unknown>> };
    };
    expect(logistics.national).toEqual({ due: 1, delayed: 1, delay_rate: 1, stalled: 1, pickup_overdue: 1 });
    expect(logistics.regions.rows).toEqual([
      {
        region_code: '440000',
        region_name: '广东省',
        due: 1,
        delayed: 1,
        delay_rate: 1,
        stalled: 1,
        pickup_overdue: 1,
        vs_national: 1,
        // The only region: no rest of the country to compare with (stats/verdict.ts).
        verdict: expect.objectContaining({ level: 'too_few', n: 1, k: 1 }),
      },
    ]);
    const sha = (await f.get(`/v1/kpi/logistics?${WQ}&sku_id=SKU-A`, f.tokens.ops)).body as { national: Record<string, unknown> };
    expect(sha.national).toEqual({ due: 1, delayed: 1, delay_rate: 1, stalled: 0, pickup_overdue: 0 }); // SHA delivered 22:00, promised 20:00
  });

  it('backlog history is not kept per SKU: a trend of it is a 400 naming sku_id', async () => {
    const res = await f.get(`/v1/kpi/trends?${WQ}&metric=stalled_shipments&${SKU}`, f.tokens.ops);
    expect([res.status, res.body.field]).toEqual([400, 'sku_id']);
  });

  it.each([
    ['/v1/kpi/overview?sku_id=', 'sku_id'],
    [`/v1/kpi/return-rates?sku_id=${'s'.repeat(129)}`, 'sku_id'],
  ])('%s → 400 naming %s', async (path, field) => {
    const res = await f.get(path, f.tokens.ops);
    expect([res.status, res.body.field]).toEqual([400, field]);
  });
});

describe('sku_id and scope', () => {
  it('a category manager of another category filtering by a SKU gets nothing', async () => {
    const c = cmMeizhuang;
    expect(tiles((await f.get(`/v1/kpi/overview?${WQ}&${SKU}`, c)).body)).toMatchObject({ refund_requests: 0, return_rate_7d: null, delay_rate: null, stalled_shipments: 0 });
    for (const by of ['sku', 'host', 'category']) {
      expect((await f.get(`/v1/kpi/return-rates?${WQ}&by=${by}&${SKU}`, c)).body).toMatchObject({ total: 0, rows: [] });
    }
    expect((await f.get(`/v1/kpi/reasons?${WQ}&${SKU}`, c)).body).toMatchObject({ total: 0, rows: [] });
    expect((await f.get(`/v1/kpi/csat?${WQ}&sku_id=SKU-A`, c)).body).toMatchObject({ ratings: 0 });
    const logistics = (await f.get(`/v1/kpi/logistics?${WQ}&${SKU}`, c)).body as { national: Record<string, unknown>; regions: { rows: unknown[] } };
    expect([logistics.national, logistics.regions.rows]).toEqual([{ due: 0, delayed: 0, delay_rate: null, stalled: 0, pickup_overdue: 0 }, []]);
    const stages = (await f.get(`/v1/kpi/stages?${WQ}&${SKU}`, c)).body as { stages: Array<{ completed: number; waiting: number }> };
    expect(stages.stages.every((s) => s.completed === 0 && s.waiting === 0)).toBe(true);
    // Their own category's SKU still answers.
    expect(tiles((await f.get(`/v1/kpi/overview?${WQ}&sku_id=SKU-B`, c)).body).refund_requests).toBe(1);
    // A host asking for another host's SKU gets nothing either.
    expect(tiles((await f.get(`/v1/kpi/overview?${WQ}&sku_id=SKU-B`, f.tokens.hostA)).body).refund_requests).toBe(0);
  });

  it('SQL injection in sku_id: 400 or an empty answer, data intact', async () => {
    const counts = () =>
      queryRows<Record<string, string>>(
        f.tw.warehouse.client,
        'SELECT (SELECT count() FROM orders) AS o, (SELECT count() FROM refund_facts FINAL) AS r, (SELECT count() FROM api_tokens) AS t',
      );
    const before = await counts();
    for (const attack of ["' OR '1'='1", "SKU-A2' OR 1=1 --", "'; DROP TABLE orders; --", "x') UNION ALL SELECT secret_hash FROM api_tokens --", '{sku_id:String}']) {
      for (const path of ['/v1/kpi/overview', '/v1/kpi/return-rates?by=sku', '/v1/kpi/reasons', '/v1/kpi/logistics', '/v1/kpi/trends?metric=refund_requests']) {
        const res = await f.get(`${path}${path.includes('?') ? '&' : '?'}${WQ}&sku_id=${encodeURIComponent(attack)}`, f.tokens.ops);
        expect(res.status, `${path} ${attack}`).toBe(200);
        const body = res.body;
        if (Array.isArray(body.tiles)) expect((body.tiles as Tile[]).every((t) => t.value === null || t.value === 0)).toBe(true);
        if (Array.isArray(body.rows)) expect(body.total).toBe(0);
        if (body.national) expect((body.national as { due: number }).due).toBe(0);
        if (Array.isArray(body.points)) expect((body.points as Array<{ value: number }>).every((p) => p.value === 0)).toBe(true);
      }
    }
    expect(await counts()).toEqual(before);
  });
});
