import { TokenStore } from '../../auth/tokens.ts';
import { anOrder, aScan, aSegment, ingestAndRefresh, step } from '../kpi/test-support.ts';
import { createLogger } from '../../observability/logger.ts';
import { createPipeline } from '../../runtime/ingest-runtime.ts';
import { openTestWarehouse, type TestWarehouse } from '../helpers/test-warehouse.ts';
import { buildServer, type ApiServer } from '../../api/server.ts';

/**
 * A small store for the API tests: two hosts in two categories, each with one order, one
 * refund (requested → approved → refunded → rated), one shipment and some speech.
 *   A: shop SA, 服饰, host HA, session LA, order OA, refund RA, shipment SHA (广东)
 *   B: shop SB, 美妆, host HB, session LB, order OB, refund RB, shipment SHB (四川)
 * All on 2026-11-10; requests use the window W below.
 */
export const W = { from: '2026-11-10T00:00:00.000Z', to: '2026-11-11T00:00:00.000Z' };
export const WQ = `from=${encodeURIComponent(W.from)}&to=${encodeURIComponent(W.to)}`;

export interface ApiFixture {
  tw: TestWarehouse;
  app: ApiServer;
  tokens: { admin: string; ops: string; hostA: string; cmFushi: string };
  get(path: string, token?: string): Promise<{ status: number; body: Record<string, unknown> & { [k: string]: unknown } }>;
  close(): Promise<void>;
}

export async function openApiFixture(): Promise<ApiFixture> {
  const tw = await openTestWarehouse();
  const log = createLogger('silent');
  const pipeline = createPipeline(tw.warehouse, { ingestBatchRows: 1000, ingestBatchMs: 20, dataDir: tw.dir }, log);
  const app = await buildServer({ warehouse: tw.warehouse, pipeline, log, ingestMaxBodyBytes: 1 << 20 });
  const sides = [
    { k: 'A', shop_id: 'SA', category: '服饰', host_id: 'HA', live_session_id: 'LA', region: '广东省', hour: '02' },
    { k: 'B', shop_id: 'SB', category: '美妆', host_id: 'HB', live_session_id: 'LB', region: '四川省', hour: '04' },
  ];
  const rows = sides.map((s) => {
    const attrs = { shop_id: s.shop_id, category: s.category, host_id: s.host_id, live_session_id: s.live_session_id, sku_id: `SKU-${s.k}` };
    const reason = { reason_code: s.k === 'A' ? 'quality' : 'dislike' } as const;
    const o = `O${s.k}`;
    const r = `R${s.k}`;
    const d = '2026-11-10T';
    return {
      order: anOrder(o, `${d}01:00:00`, { ...attrs, region: s.region, live_offset_ms: 60_000 }),
      refunds: [
        step(r, 'requested', `${d}${s.hour}:00:00`, { ...attrs, ...reason, order_id: o, type: 'refund_only' }),
        step(r, 'approved', `${d}${s.hour}:30:00`, { ...attrs, ...reason, order_id: o, type: 'refund_only' }),
        step(r, 'refunded', `${d}${s.hour}:45:00`, { ...attrs, ...reason, order_id: o, type: 'refund_only', actor: 'system' }),
        step(r, 'rated', `${d}${s.hour}:50:00`, { ...attrs, ...reason, order_id: o, type: 'refund_only', csat: s.k === 'A' ? 5 : 1 }),
      ],
      scans: [
        aScan(`SH${s.k}`, 'picked_up', `${d}01:30:00`, { order_id: o, dest_region: s.region, promised_at: `${d}20:00:00Z` }),
        aScan(`SH${s.k}`, 'delivered', `${d}22:00:00`, { order_id: o, dest_region: s.region, promised_at: `${d}20:00:00Z` }),
      ],
      segment: aSegment({ live_session_id: s.live_session_id, host_id: s.host_id, shop_id: s.shop_id, sku_id: `SKU-${s.k}`, offset_ms: 30_000, text: '七天无理由，正品保证' }),
    };
  });
  await ingestAndRefresh(tw.warehouse, {
    orders: rows.map((r) => r.order),
    refunds: rows.flatMap((r) => r.refunds),
    scans: rows.flatMap((r) => r.scans),
    segments: rows.map((r) => r.segment),
  });
  const store = new TokenStore(tw.warehouse);
  const tokens = {
    admin: (await store.create({ role: 'admin' })).token,
    ops: (await store.create({ role: 'ops' })).token,
    hostA: (await store.create({ role: 'host', host_id: 'HA' })).token,
    cmFushi: (await store.create({ role: 'category_manager', categories: ['服饰'] })).token,
  };
  return {
    tw,
    app,
    tokens,
    async get(path, token) {
      const res = await app.inject({ method: 'GET', url: path, headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: res.statusCode, body: res.json() };
    },
    async close() {
      await app.close();
      await tw.close();
    },
  };
}
