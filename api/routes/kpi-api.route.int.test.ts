import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../warehouse/client.ts';
import { openApiFixture, WQ, type ApiFixture } from '../../test/api/kpi-api.fixture.ts';

/** Request validation (400 naming the field), SQL injection, and the OpenAPI document. */
let f: ApiFixture;
beforeAll(async () => {
  f = await openApiFixture();
});
afterAll(async () => f?.close());

const KPI_PATHS = [
  '/v1/kpi/overview',
  '/v1/kpi/trends?metric=refund_requests',
  '/v1/kpi/reasons',
  '/v1/kpi/stages',
  '/v1/kpi/csat',
  '/v1/kpi/return-rates',
  '/v1/kpi/logistics',
];
const withQ = (path: string, q: string) => `${path}${path.includes('?') ? '&' : '?'}${q}`;

describe('bad requests', () => {
  it.each([
    ['/v1/kpi/return-rates?limit=abc', 'limit'],
    ['/v1/kpi/return-rates?limit=0', 'limit'],
    ['/v1/kpi/return-rates?offset=-1', 'offset'],
    ['/v1/kpi/return-rates?by=brand', 'by'],
    ['/v1/kpi/return-rates?sort=price', 'sort'],
    ['/v1/kpi/return-rates?order=up', 'order'],
    ['/v1/kpi/overview?from=yesterday', 'from'],
    ['/v1/kpi/overview?to=2026-13-01T00:00:00Z', 'to'],
    ['/v1/kpi/overview?from=2026-11-11T00:00:00Z&to=2026-11-10T00:00:00Z', 'from'],
    ['/v1/kpi/overview?from=2024-01-01T00:00:00Z&to=2026-11-10T00:00:00Z', 'from'],
    [`/v1/kpi/overview?category=${'x'.repeat(65)}`, 'category'],
    ['/v1/kpi/overview?shop_id=', 'shop_id'],
    ['/v1/kpi/logistics?sku_id=', 'sku_id'],
    ['/v1/kpi/trends', 'metric'],
    ['/v1/kpi/trends?metric=revenue', 'metric'],
    ['/v1/kpi/trends?metric=refund_requests&granularity=week', 'granularity'],
    ['/v1/kpi/trends?metric=return_rate&granularity=minute', 'granularity'],
    ['/v1/kpi/trends?metric=refund_requests&granularity=minute&from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z', 'granularity'],
    ['/v1/kpi/trends?metric=refund_requests&tz=Mars', 'tz'],
    ['/v1/kpi/trends?metric=stalled_shipments&shop_id=SA', 'shop_id'],
    ['/v1/kpi/logistics?region=999999', 'region'],
    ['/v1/kpi/logistics?direction=sideways', 'direction'],
    [`/v1/orders/${'o'.repeat(129)}/trace`, 'order_id'],
    ['/v1/orders/OA/trace?before_ms=-1', 'before_ms'],
  ])('%s → 400 naming %s', async (path, field) => {
    const res = await f.get(path, f.tokens.ops);
    expect(res.status).toBe(400);
    expect(res.body.field).toBe(field);
    expect(res.body.message).toEqual(expect.any(String));
  });
});

describe('SQL injection', () => {
  const attacks = [
    "' OR '1'='1",
    "SA' OR 1=1 --",
    "'; DROP TABLE orders; --",
    "\\' OR ''='",
    "x') UNION ALL SELECT secret_hash FROM api_tokens --",
    '{shop_id:String}',
    '%27%20OR%201%3D1',
    '服饰" OR "1"="1',
  ];
  const counts = async () =>
    queryRows<Record<string, string>>(
      f.tw.warehouse.client,
      `SELECT (SELECT count() FROM orders) AS o, (SELECT count() FROM refund_events) AS r, (SELECT count() FROM logistics_scans) AS l,
              (SELECT count() FROM api_tokens) AS t, (SELECT count() FROM refund_facts FINAL) AS f`,
    );

  it('returns 400 or an empty answer for every filter of every endpoint, and leaves all data intact', { timeout: 240_000 }, async () => {
    const before = await counts();
    const values = async () => ((await f.get(`/v1/kpi/overview?${WQ}`, f.tokens.ops)).body.tiles as Array<{ key: string; value: unknown }>).map((t) => [t.key, t.value]);
    const baseline = await values();
    // Every filter of every endpoint gets three of the attacks (rotating, so each attack is used).
    let n = 0;
    const checks: Promise<void>[] = [];
    for (const field of ['shop_id', 'category', 'host_id', 'live_session_id', 'sku_id']) {
      for (const path of KPI_PATHS) {
        for (let k = 0; k < 3; k++) {
          const attack = attacks[n++ % attacks.length]!;
          checks.push(
            f.get(withQ(path, `${WQ}&${field}=${encodeURIComponent(attack)}`), f.tokens.ops).then((res) => {
              if (res.status === 400) return;
              expect(res.status, `${path} ${field}=${attack}`).toBe(200);
              expect(isEmptyAnswer(res.body), `${path} ${field}=${attack}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(true);
            }),
          );
        }
      }
    }
    for (const attack of attacks) {
      checks.push(f.get(`/v1/orders/${encodeURIComponent(attack)}/trace`, f.tokens.ops).then((r) => expect([400, 404]).toContain(r.status)));
      for (const field of ['sort', 'by', 'order', 'region', 'direction', 'metric', 'granularity', 'tz']) {
        // Unknown parameters are ignored; known ones are enums, so the attack is a 400.
        checks.push(f.get(withQ('/v1/kpi/return-rates', `${field}=${encodeURIComponent(attack)}`), f.tokens.ops).then((r) => expect([200, 400]).toContain(r.status)));
      }
    }
    await Promise.all(checks);
    expect(await counts()).toEqual(before);
    expect(await values()).toEqual(baseline);
  });
});

/** True when a KPI answer counts nothing: no rows, zero counts, null rates. */
function isEmptyAnswer(body: Record<string, unknown>): boolean {
  const zeroish = (v: unknown) => v === null || v === 0;
  if (Array.isArray(body.tiles)) return (body.tiles as Array<{ key: string; value: unknown }>).every((t) => zeroish(t.value));
  if (Array.isArray(body.points)) return (body.points as Array<{ value: unknown }>).every((p) => zeroish(p.value));
  if (Array.isArray(body.rows)) return body.rows.length === 0 && body.total === 0;
  if (Array.isArray(body.stages)) return (body.stages as Array<{ completed: number; waiting: number }>).every((s) => s.completed === 0 && s.waiting === 0);
  if (typeof body.ratings === 'number') return body.ratings === 0;
  if (body.regions) return (body.regions as { rows: unknown[] }).rows.length === 0 && (body.national as { due: number }).due === 0;
  return false;
}

describe('OpenAPI', () => {
  it('documents every KPI route with its parameters, answers and the bearer scheme', async () => {
    const doc = (await f.app.inject({ method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string }>; responses: Record<string, unknown> }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.components.securitySchemes.bearer).toBeDefined();
    for (const path of ['/v1/kpi/overview', '/v1/kpi/trends', '/v1/kpi/reasons', '/v1/kpi/stages', '/v1/kpi/csat', '/v1/kpi/return-rates', '/v1/kpi/logistics']) {
      const op = doc.paths[path]?.get;
      expect(op, path).toBeDefined();
      const names = (op!.parameters ?? []).map((p) => p.name);
      expect(names, path).toEqual(expect.arrayContaining(['from', 'to', 'shop_id', 'category', 'host_id', 'live_session_id', 'sku_id']));
      expect(Object.keys(op!.responses), path).toEqual(expect.arrayContaining(['200', '400', '401']));
    }
    expect(doc.paths['/v1/orders/{order_id}/trace']?.get?.responses['200']).toBeDefined();
    expect(doc.paths['/v1/tokens']?.post).toBeDefined();
  });

  it('answers match their schemas (nothing is dropped by the serializer)', async () => {
    const o = (await f.get(`/v1/kpi/overview?${WQ}`, f.tokens.ops)).body;
    expect(o.tiles).toHaveLength(15);
    expect(Date.parse(o.data_as_of as string)).toBeGreaterThan(Date.parse('2026-11-11T00:00:00Z')); // the refresh ran after the fixture's events
    // CSAT and its previous period come from one read: both ratings (5 and 1) lie in the previous day.
    const c = (await f.get('/v1/kpi/csat?from=2026-11-10T12:00:00Z&to=2026-11-11T12:00:00Z', f.tokens.ops)).body;
    expect([c.ratings, c.mean, c.previous]).toEqual([0, null, { ratings: 2, mean: 3, share_4_5: 0.5 }]);
    expect(o.tiles).toContainEqual(expect.objectContaining({ key: 'success_rate', value: 1, numerator: 2, denominator: 2, previous: null }));
    const r = (await f.get(`/v1/kpi/return-rates?${WQ}&by=sku&sort=key&order=asc`, f.tokens.ops)).body;
    expect(r).toMatchObject({ by: 'sku', total: 2, sort: 'key', order: 'asc' });
    // A page past the last one: no rows, and the same total as page one (it used to be 0), for each paged table.
    type Table = { total: number; rows: unknown[] };
    const table = async (path: string) => {
      const b = (await f.get(path, f.tokens.ops)).body as Partial<Table> & { regions?: Table };
      const t = b.regions ?? b;
      return { total: t.total ?? -1, rows: t.rows ?? [] };
    };
    for (const path of [`/v1/kpi/return-rates?${WQ}&by=sku`, `/v1/kpi/reasons?${WQ}&by=category`, `/v1/kpi/logistics?${WQ}`]) {
      const one = await table(path);
      expect(one.total, path).toBeGreaterThan(0);
      expect(await table(`${path}&offset=40&limit=20`), path).toEqual({ total: one.total, rows: [] });
    }
    expect((r.rows as unknown[])[0]).toEqual({
      key: 'SKU-A',
      title: null, // its orders carry no product title
      category: '服饰',
      orders: 1,
      refunded_orders: 1,
      quality_refunded_orders: 1,
      return_rate: 1,
      quality_return_rate: 1,
      baseline_return_rate: 1,
      baseline_quality_return_rate: 1,
      verdict: expect.objectContaining({ level: 'too_few', n: 1, k: 1 }),
    });
    const t = (await f.get('/v1/orders/OA/trace', f.tokens.ops)).body as { promises: unknown[]; refunds: Array<{ state: string }> };
    expect(t.promises).toHaveLength(1);
    expect(t.refunds[0]!.state).toBe('refunded');
  });
});
