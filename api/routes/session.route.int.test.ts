import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenStore } from '../../auth/tokens.ts';
import { createLogger } from '../../observability/logger.ts';
import { ReminderBus } from '../../realtime/reminders.ts';
import { createPipeline } from '../../runtime/ingest-runtime.ts';
import { attachStreamRules } from '../../runtime/stream-rules.ts';
import { createRawInsert } from '../../warehouse/raw-insert.ts';
import { openTestWarehouse, type TestWarehouse } from '../../test/helpers/test-warehouse.ts';
import { order, refund, transcript } from '../../test/helpers/fixtures.ts';
import { buildServer, type ApiServer } from '../server.ts';

let tw: TestWarehouse;
let app: ApiServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  tw = await openTestWarehouse();
  const log = createLogger('silent');
  const pipeline = createPipeline(tw.warehouse, { ingestBatchRows: 100, ingestBatchMs: 5, dataDir: tw.dir }, log);
  const rules = attachStreamRules({ pipeline, insert: createRawInsert(tw.warehouse, `${tw.dir}/tmp`), bus: new ReminderBus(), log });
  const t = '2026-11-20T20:00:00+08:00';
  await pipeline.ingestValues('livestream-transcripts', [
    transcript({ event_id: 's1', live_session_id: 'LS', host_id: 'H1', offset_ms: 1_000, text: '欢迎来到直播间', occurred_at: t }),
    transcript({ event_id: 's2', live_session_id: 'LS', host_id: 'H1', offset_ms: 65_000, text: '这款面霜全网最低价', occurred_at: t }),
    transcript({ event_id: 's3', live_session_id: 'LS', host_id: 'H1', offset_ms: 70_000, speaker: 'viewer', text: '这个尺码偏大吗', occurred_at: t }),
    transcript({ event_id: 's2', live_session_id: 'LS', host_id: 'H1', offset_ms: 65_000, text: '这款面霜全网最低价', occurred_at: t }),
  ], 'http');
  await pipeline.ingestValues('orders', [
    order({ event_id: 'o1', order_id: 'O1', live_session_id: 'LS', host_id: 'H1', category: '美妆', live_offset_ms: 66_000, amount: 100 }),
    order({ event_id: 'o2', order_id: 'O2', live_session_id: 'LS', host_id: 'H1', category: '美妆', live_offset_ms: 67_000, amount: 50 }),
  ], 'http');
  await pipeline.ingestValues('refunds', [
    refund({ event_id: 'r1', refund_id: 'R1', order_id: 'O1', live_session_id: 'LS', host_id: 'H1', category: '美妆' }),
    refund({ event_id: 'r2', refund_id: 'R2', order_id: 'O2', live_session_id: 'LS', host_id: 'H1', category: '美妆' }),
    refund({ event_id: 'r3', refund_id: 'R2', order_id: 'O2', live_session_id: 'LS', host_id: 'H1', category: '美妆', status: 'cancelled' }),
  ], 'http');
  await pipeline.flush();
  await rules.stop();
  const store = new TokenStore(tw.warehouse);
  tokens.H1 = (await store.create({ role: 'host', host_id: 'H1' })).token;
  tokens.H2 = (await store.create({ role: 'host', host_id: 'H2' })).token;
  tokens.cmBeauty = (await store.create({ role: 'category_manager', categories: ['美妆'] })).token;
  tokens.cmFood = (await store.create({ role: 'category_manager', categories: ['食品'] })).token;
  app = await buildServer({ warehouse: tw.warehouse, pipeline, log, ingestMaxBodyBytes: 1 << 20, tokens: store });
});
afterAll(async () => {
  await app?.close();
  await tw?.close();
});

const get = (token: string, id = 'LS') =>
  app.inject({ method: 'GET', url: `/v1/sessions/${encodeURIComponent(id)}/timeline`, headers: { authorization: `Bearer ${token}` } });

describe('GET /v1/sessions/:id/timeline', () => {
  it('gives the host the transcript with hit spans, viewer topics, and orders/refunds per minute', async () => {
    const res = await get(tokens.H1!);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.segments.map((s: { event_id: string }) => s.event_id)).toEqual(['s1', 's2', 's3']);
    const risky = body.segments[1];
    expect(risky.hits.length).toBeGreaterThan(0);
    expect(risky.text.slice(risky.hits[0].start, risky.hits[0].end)).toBe(risky.hits[0].phrase);
    expect(body.segments[2].topics).toContain('size');
    expect(body.orders_by_minute).toEqual([{ minute: 1, orders: 2, refunded_orders: 1, gmv: 150 }]);
  });

  it('answers 404 to another host, to a category manager of other categories, and for an unknown session', async () => {
    expect((await get(tokens.H2!)).statusCode).toBe(404);
    expect((await get(tokens.cmFood!)).statusCode).toBe(404);
    expect((await get(tokens.cmBeauty!)).statusCode).toBe(200);
    expect((await get(tokens.H1!, "LS' OR 1=1 --")).statusCode).toBe(404);
  });
});
