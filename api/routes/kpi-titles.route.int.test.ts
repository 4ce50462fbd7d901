import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenStore } from '../../auth/tokens.ts';
import { anOrder, ingestAndRefresh } from '../../test/kpi/test-support.ts';
import { openApiFixture, WQ, type ApiFixture } from '../../test/api/kpi-api.fixture.ts';

/**
 * Product titles (issue #17, migration 0021): orders may carry product_title; the latest per SKU
 * is kept by the sku_titles view and shown on return-rate rows, searched by `search` (a bound
 * parameter), and answered by /v1/kpi/sku-titles within the caller's scope. Beside the fixture's
 * SKU-A (服饰, no title) and SKU-B (美妆) this adds:
 *   OT1 SKU-T (服饰, HA) titled 加厚羊羔绒外套 女款 at 04:00, OT2 the same SKU retitled at 05:00
 */
let f: ApiFixture;
const attrs = { shop_id: 'SA', category: '服饰', host_id: 'HA', live_session_id: 'LA', sku_id: 'SKU-T' };

beforeAll(async () => {
  f = await openApiFixture();
  await ingestAndRefresh(f.tw.warehouse, {
    orders: [
      anOrder('OT1', '2026-11-10T04:00:00', { ...attrs, product_title: '羊羔绒外套 女款' }),
      anOrder('OT2', '2026-11-10T05:00:00', { ...attrs, product_title: '加厚羊羔绒外套 女款' }),
    ],
  });
});
afterAll(async () => f?.close());

type Row = { key: string; title: string | null };
const rows = (body: Record<string, unknown>) => body.rows as Row[];

describe('product titles', () => {
  it('a SKU row carries its latest title; a SKU without one, and other groupings, carry null', async () => {
    const res = await f.get(`/v1/kpi/return-rates?${WQ}&by=sku`, f.tokens.ops);
    expect(res.status).toBe(200);
    const byKey = Object.fromEntries(rows(res.body).map((r) => [r.key, r.title]));
    expect(byKey['SKU-T']).toBe('加厚羊羔绒外套 女款');
    expect(Object.keys(byKey)).toContain('SKU-A');
    expect(byKey['SKU-A']).toBeNull();
    const hosts = await f.get(`/v1/kpi/return-rates?${WQ}&by=host`, f.tokens.ops);
    expect(rows(hosts.body).every((r) => r.title === null)).toBe(true);
  });

  it('search finds a SKU by a piece of its title or id, case-insensitive, before the total', async () => {
    for (const q of ['羊羔绒', 'sku-t', '女款']) {
      const res = await f.get(`/v1/kpi/return-rates?${WQ}&by=sku&search=${encodeURIComponent(q)}`, f.tokens.ops);
      expect(res.status).toBe(200);
      expect(rows(res.body).map((r) => r.key), q).toEqual(['SKU-T']);
      expect(res.body.total).toBe(1);
    }
    // Text that would break spliced SQL is only text here.
    const odd = await f.get(`/v1/kpi/return-rates?${WQ}&by=sku&search=${encodeURIComponent("x' OR 1=1 --")}`, f.tokens.ops);
    expect(odd.status).toBe(200);
    expect(rows(odd.body)).toEqual([]);
    expect((await f.get(`/v1/kpi/return-rates?${WQ}&by=sku&search=${'x'.repeat(65)}`, f.tokens.ops)).status).toBe(400);
  });

  it('/v1/kpi/sku-titles answers known titles, only in the caller\'s categories', async () => {
    const ops = await f.get('/v1/kpi/sku-titles?ids=SKU-T,SKU-A,NOPE', f.tokens.ops);
    expect(ops.status).toBe(200);
    expect(ops.body.titles).toEqual({ 'SKU-T': '加厚羊羔绒外套 女款' });
    expect((await f.get('/v1/kpi/sku-titles?ids=SKU-T', f.tokens.cmFushi)).body.titles).toEqual({ 'SKU-T': '加厚羊羔绒外套 女款' });
    expect((await f.get('/v1/kpi/sku-titles?ids=SKU-T', f.tokens.hostA)).body.titles).toEqual({ 'SKU-T': '加厚羊羔绒外套 女款' });
    // Another category's manager and another host are told nothing about it.
    const store = new TokenStore(f.tw.warehouse);
    const cmMeizhuang = (await store.create({ role: 'category_manager', categories: ['美妆'] })).token;
    const hostB = (await store.create({ role: 'host', host_id: 'HB' })).token;
    expect((await f.get('/v1/kpi/sku-titles?ids=SKU-T', cmMeizhuang)).body.titles).toEqual({});
    expect((await f.get('/v1/kpi/sku-titles?ids=SKU-T', hostB)).body.titles).toEqual({});
    expect((await f.get('/v1/kpi/sku-titles?ids=', f.tokens.ops)).status).toBe(400);
  });
});
