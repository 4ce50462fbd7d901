import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiFixture, WQ, type ApiFixture } from '../../test/api/kpi-api.fixture.ts';

/** Access (DESIGN §8): tokens on every /v1 route, roles, and scope enforced on the server. */
let f: ApiFixture;
beforeAll(async () => {
  f = await openApiFixture();
});
afterAll(async () => f?.close());

type Tile = { key: string; value: number | null };
const tile = (body: Record<string, unknown>, key: string) => (body.tiles as Tile[]).find((t) => t.key === key)?.value;
const keys = (body: Record<string, unknown>) => (body.rows as Array<{ key: string }>).map((r) => r.key);

describe('authentication', () => {
  it('needs a valid token under /v1, and leaves health, metrics, docs and contracts open', async () => {
    expect((await f.get(`/v1/kpi/overview?${WQ}`)).status).toBe(401);
    expect((await f.get(`/v1/kpi/overview?${WQ}`, 'radar_0123456789abcdef_' + 'x'.repeat(43))).status).toBe(401);
    expect((await f.get('/v1/orders/OA/trace')).status).toBe(401);
    expect((await f.get('/v1/stats/events')).status).toBe(401);
    for (const open of ['/healthz', '/metrics', '/docs/json', '/v1/contracts']) {
      const res = await f.app.inject({ method: 'GET', url: open });
      expect(res.statusCode, open).toBe(200);
    }
  });

  it('takes ?access_token= only on the stream routes, whatever a request accepts (EventSource cannot set headers)', async () => {
    const url = `/v1/me?access_token=${encodeURIComponent(f.tokens.ops)}`;
    expect((await f.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    // Asking for an event stream no longer unlocks the query token on an ordinary route (issue #20).
    expect((await f.app.inject({ method: 'GET', url, headers: { accept: 'text/event-stream' } })).statusCode).toBe(401);
  });

  it('keeps ingest and token administration for admins', async () => {
    const ingest = (token: string) =>
      f.app.inject({ method: 'POST', url: '/v1/events/orders', payload: '{}', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' } });
    expect((await ingest(f.tokens.ops)).statusCode).toBe(403);
    expect((await ingest(f.tokens.hostA)).statusCode).toBe(403);
    expect((await ingest(f.tokens.admin)).statusCode).toBe(422); // authorised; the body is simply not a valid order
    expect((await f.get('/v1/tokens', f.tokens.ops)).status).toBe(403);
    expect((await f.get('/v1/tokens', f.tokens.admin)).status).toBe(200);
  });

  it('issues, shows and revokes tokens over the API', async () => {
    const created = await f.app.inject({
      method: 'POST',
      url: '/v1/tokens',
      payload: { role: 'host', host_id: 'HB', name: 'HB console' },
      headers: { authorization: `Bearer ${f.tokens.admin}` },
    });
    expect(created.statusCode).toBe(201);
    const { token, info } = created.json() as { token: string; info: { id: string } };
    expect((await f.get('/v1/me', token)).body).toMatchObject({ role: 'host', host_id: 'HB', categories: [] });
    const bad = await f.app.inject({ method: 'POST', url: '/v1/tokens', payload: { role: 'host' }, headers: { authorization: `Bearer ${f.tokens.admin}` } });
    expect([bad.statusCode, bad.json().field]).toEqual([400, 'host_id']);
    const del = await f.app.inject({ method: 'DELETE', url: `/v1/tokens/${info.id}`, headers: { authorization: `Bearer ${f.tokens.admin}` } });
    expect(del.statusCode).toBe(200);
    expect((await f.get('/v1/me', token)).status).toBe(401);
  });
});

describe('scope', () => {
  it('a host sees only their own sessions, whatever they ask for', async () => {
    const h = f.tokens.hostA;
    expect(tile((await f.get(`/v1/kpi/overview?${WQ}`, f.tokens.ops)).body, 'refund_requests')).toBe(2);
    expect(tile((await f.get(`/v1/kpi/overview?${WQ}`, h)).body, 'refund_requests')).toBe(1);
    expect(tile((await f.get(`/v1/kpi/overview?${WQ}&host_id=HB`, h)).body, 'refund_requests')).toBe(0);
    expect(tile((await f.get(`/v1/kpi/overview?${WQ}&live_session_id=LB`, h)).body, 'refund_requests')).toBe(0);
    expect(tile((await f.get(`/v1/kpi/overview?${WQ}&live_session_id=LB`, h)).body, 'delay_rate')).toBeNull();
    expect(keys((await f.get(`/v1/kpi/return-rates?${WQ}&by=session`, h)).body)).toEqual(['LA']);
    expect(keys((await f.get(`/v1/kpi/return-rates?${WQ}&by=host&live_session_id=LB`, h)).body)).toEqual([]);
    expect(keys((await f.get(`/v1/kpi/reasons?${WQ}&by=host`, h)).body)).toEqual(['HA']);
    expect((await f.get(`/v1/kpi/csat?${WQ}`, h)).body).toMatchObject({ ratings: 1, mean: 5 });
    const logistics = (await f.get(`/v1/kpi/logistics?${WQ}`, h)).body as { regions: { rows: Array<{ region_code: string }> } };
    expect(logistics.regions.rows.map((r) => r.region_code)).toEqual(['440000']);
    const stages = (await f.get(`/v1/kpi/stages?${WQ}&host_id=HB`, h)).body as { stages: Array<{ completed: number }> };
    expect(stages.stages.every((s) => s.completed === 0)).toBe(true);
    const trendB = (await f.get(`/v1/kpi/trends?${WQ}&metric=refund_requests&live_session_id=LB`, h)).body as { points: Array<{ value: number }> };
    expect(trendB.points.reduce((n, p) => n + p.value, 0)).toBe(0);
    expect((await f.get('/v1/orders/OB/trace', h)).status).toBe(404);
    expect((await f.get('/v1/orders/OA/trace', h)).status).toBe(200);
  });

  it('a category manager sees only their categories', async () => {
    const c = f.tokens.cmFushi;
    expect(tile((await f.get(`/v1/kpi/overview?${WQ}`, c)).body, 'refund_requests')).toBe(1);
    expect(tile((await f.get(`/v1/kpi/overview?${WQ}&category=${encodeURIComponent('美妆')}`, c)).body, 'refund_requests')).toBe(0);
    expect(keys((await f.get(`/v1/kpi/return-rates?${WQ}&by=category`, c)).body)).toEqual(['服饰']);
    expect(keys((await f.get(`/v1/kpi/return-rates?${WQ}&by=sku&host_id=HB`, c)).body)).toEqual([]);
    expect(keys((await f.get(`/v1/kpi/reasons?${WQ}&by=category`, c)).body)).toEqual(['服饰']);
    expect((await f.get('/v1/orders/OB/trace', c)).status).toBe(404);
    expect((await f.get('/v1/orders/OA/trace', c)).status).toBe(200);
    const t = (await f.get(`/v1/kpi/trends?${WQ}&metric=stalled_shipments`, c)).body;
    expect(t.points).toBeDefined(); // backlog history per category is allowed
    const h = await f.get(`/v1/kpi/trends?${WQ}&metric=stalled_shipments`, f.tokens.hostA);
    expect([h.status, h.body.field]).toEqual([400, 'metric']);
  });
});
