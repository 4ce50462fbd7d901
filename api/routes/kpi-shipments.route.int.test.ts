import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aScan, anOrder, ingestAndRefresh } from '../../test/kpi/test-support.ts';
import { openApiFixture, WQ, type ApiFixture } from '../../test/api/kpi-api.fixture.ts';

/**
 * GET /v1/kpi/logistics/shipments: the shipments behind the stalled / pickup-overdue counts.
 * The backlog describes now, so these shipments are placed relative to the clock (h = hours ago):
 *   SX1 广东  OX1 (SA 服饰 HA LA SKU-X1)  created 30 h               pickup overdue (not stalled: < 48 h)
 *   SX2 广东  OX2 (SB 美妆 HB LB SKU-X2)  created 100 h, picked up 90 h   stalled 90 h
 *   SX3 四川  OX3 (SA 服饰 HA LA SKU-X1)  created 60 h               stalled 60 h and pickup overdue 60 h
 *   SX4 四川  OX4 (SB 美妆 HB LB SKU-X2)  created 80 h, delivered 70 h   neither
 *   SX5 四川  OX4, a return shipment, created 70 h                    only with direction=return
 * The fixture's own shipments (SHA, SHB) were delivered.
 */
let f: ApiFixture;
const ago = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
const t = new Map<string, string>();

beforeAll(async () => {
  f = await openApiFixture();
  const a = { shop_id: 'SA', category: '服饰', host_id: 'HA', live_session_id: 'LA', sku_id: 'SKU-X1' };
  const b = { shop_id: 'SB', category: '美妆', host_id: 'HB', live_session_id: 'LB', sku_id: 'SKU-X2' };
  const scan = (s: string, o: string, status: 'created' | 'picked_up' | 'delivered', h: number, region: string, over = {}) => {
    t.set(`${s}.${status}`, ago(h));
    t.set(`${s}.${status}.promised`, ago(h - 48));
    return aScan(s, status, t.get(`${s}.${status}`)!, { order_id: o, dest_region: region, promised_at: t.get(`${s}.${status}.promised`)!, carrier: 'SF', ...over });
  };
  await ingestAndRefresh(f.tw.warehouse, {
    orders: [anOrder('OX1', ago(31), a), anOrder('OX2', ago(101), b), anOrder('OX3', ago(61), a), anOrder('OX4', ago(81), b)],
    scans: [
      scan('SX1', 'OX1', 'created', 30, '广东省'),
      scan('SX2', 'OX2', 'created', 100, '广东省'),
      scan('SX2', 'OX2', 'picked_up', 90, '广东省'),
      scan('SX3', 'OX3', 'created', 60, '四川省'),
      scan('SX4', 'OX4', 'created', 80, '四川省'),
      scan('SX4', 'OX4', 'delivered', 70, '四川省'),
      scan('SX5', 'OX4', 'created', 70, '四川省', { direction: 'return' }),
    ],
  });
});
afterAll(async () => f?.close());

type Row = { shipment_id: string; order_id: string; region_code: string; waiting_since: string; hours_waited: number; [k: string]: unknown };
const list = async (q: string, token = f.tokens.ops) => {
  const res = await f.get(`/v1/kpi/logistics/shipments?${WQ}&${q}`, token);
  expect(res.status, `${q}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
  return res.body as { total: number; rows: Row[]; as_of: string; kind: string };
};
const ids = (b: { rows: Row[] }) => b.rows.map((r) => r.shipment_id);
const iso = (s: string) => new Date(s).toISOString();

describe('backlog shipment lists', () => {
  it('stalled: every field of a row, the longest wait first', async () => {
    const b = await list('kind=stalled');
    expect([b.kind, b.total, ids(b)]).toEqual(['stalled', 2, ['SX2', 'SX3']]);
    expect(b.rows[0]).toEqual({
      shipment_id: 'SX2',
      order_id: 'OX2',
      region_code: '440000',
      region_name: '广东省',
      carrier: 'SF',
      direction: 'outbound',
      shop_id: 'SB',
      category: '美妆',
      host_id: 'HB',
      live_session_id: 'LB',
      sku_id: 'SKU-X2',
      last_status: 'picked_up',
      waiting_since: iso(t.get('SX2.picked_up')!),
      hours_waited: expect.closeTo(90, 1),
      created_at: iso(t.get('SX2.created')!),
      picked_up_at: iso(t.get('SX2.picked_up')!),
      last_scan_at: iso(t.get('SX2.picked_up')!),
      promised_at: iso(t.get('SX2.picked_up.promised')!), // the latest promise wins
    });
    expect(b.rows[0]!.hours_waited).toBeCloseTo((Date.parse(b.as_of) - Date.parse(t.get('SX2.picked_up')!)) / 3600_000, 6);
  });

  it('pickup overdue counts from the creation; sorting and pagination', async () => {
    expect(ids(await list('kind=pickup_overdue'))).toEqual(['SX3', 'SX1']);
    expect(ids(await list('kind=pickup_overdue&order=asc'))).toEqual(['SX1', 'SX3']);
    expect(ids(await list('kind=stalled&sort=region&order=asc'))).toEqual(['SX2', 'SX3']); // 440000 < 510000
    expect(ids(await list('kind=stalled&sort=shipment_id&order=desc'))).toEqual(['SX3', 'SX2']);
    const p2 = await list('kind=stalled&limit=1&offset=1');
    expect([p2.total, ids(p2)]).toEqual([2, ['SX3']]);
    const past = await list('kind=stalled&offset=5');
    expect([past.total, ids(past)]).toEqual([2, []]);
  });

  it("each list's total is the count /v1/kpi/logistics reports for the same filters", async () => {
    const filters = ['', 'category=%E6%9C%8D%E9%A5%B0', 'sku_id=SKU-X1', 'sku_id=SKU-X2', 'region=510000', 'host_id=HB', 'shop_id=SA', 'direction=return'];
    for (const q of filters) {
      const body = (await f.get(`/v1/kpi/logistics?${WQ}&${q}`, f.tokens.ops)).body as {
        national: { stalled: number; pickup_overdue: number };
        regions: { rows: Array<{ stalled: number; pickup_overdue: number }> };
      };
      // `national` is the whole country whatever `region` says; one region's count is its row.
      const counts = q.startsWith('region=') ? body.regions.rows[0]! : body.national;
      const s = await list(`kind=stalled&${q}`);
      const p = await list(`kind=pickup_overdue&${q}`);
      expect([s.total, p.total], q).toEqual([counts.stalled, counts.pickup_overdue]);
    }
    expect(ids(await list('kind=stalled&direction=return'))).toEqual(['SX5']);
    expect(ids(await list('kind=stalled&sku_id=SKU-X1'))).toEqual(['SX3']);
  });

  it('enforces scope: a category manager and a host see only their own shipments', async () => {
    expect(ids(await list('kind=stalled', f.tokens.cmFushi))).toEqual(['SX3']);
    expect(ids(await list('kind=stalled&sku_id=SKU-X2', f.tokens.cmFushi))).toEqual([]);
    expect(ids(await list('kind=stalled&category=%E7%BE%8E%E5%A6%86', f.tokens.cmFushi))).toEqual([]);
    expect(ids(await list('kind=pickup_overdue', f.tokens.hostA))).toEqual(['SX3', 'SX1']);
    expect(ids(await list('kind=stalled&host_id=HB', f.tokens.hostA))).toEqual([]);
  });

  it.each([
    ['', 'kind'],
    ['kind=late', 'kind'],
    ['kind=stalled&sort=price', 'sort'],
    ['kind=stalled&limit=0', 'limit'],
    ['kind=stalled&offset=-1', 'offset'],
    ['kind=stalled&region=999999', 'region'],
    ['kind=stalled&direction=sideways', 'direction'],
    ['kind=stalled&sku_id=', 'sku_id'],
    ['kind=stalled&from=2026-11-11T00:00:00Z&to=2026-11-10T00:00:00Z', 'from'],
  ])('?%s → 400 naming %s', async (q, field) => {
    const res = await f.get(`/v1/kpi/logistics/shipments?${q}`, f.tokens.ops);
    expect([res.status, res.body.field]).toEqual([400, field]);
  });

  it('takes injection strings as plain values, needs a token, and is in the OpenAPI document', async () => {
    for (const field of ['shop_id', 'category', 'host_id', 'live_session_id', 'sku_id']) {
      for (const attack of ["' OR '1'='1", "SKU-X1') OR 1=1 --", "'; DROP TABLE logistics_scans; --"]) {
        const b = await list(`kind=stalled&${field}=${encodeURIComponent(attack)}`);
        expect([b.total, b.rows]).toEqual([0, []]);
      }
    }
    expect((await list('kind=stalled')).total).toBe(2);
    expect((await f.get('/v1/kpi/logistics/shipments?kind=stalled')).status).toBe(401);
    const doc = (await f.app.inject({ method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, { get?: { parameters?: Array<{ name: string }>; responses: Record<string, unknown> } }>;
    };
    const op = doc.paths['/v1/kpi/logistics/shipments']?.get;
    expect((op?.parameters ?? []).map((p) => p.name)).toEqual(
      expect.arrayContaining(['kind', 'from', 'to', 'shop_id', 'category', 'host_id', 'live_session_id', 'sku_id', 'region', 'direction', 'sort', 'order', 'limit', 'offset']),
    );
    expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401']));
  });
});
