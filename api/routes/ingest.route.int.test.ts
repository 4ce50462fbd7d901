import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../observability/logger.ts';
import { createPipeline } from '../../runtime/ingest-runtime.ts';
import { queryRows } from '../../warehouse/client.ts';
import { buildServer, type ApiServer } from '../server.ts';
import { openTestWarehouse, type TestWarehouse } from '../../test/helpers/test-warehouse.ts';
import { order, refund, scan, transcript } from '../../test/helpers/fixtures.ts';
import { TokenStore } from '../../auth/tokens.ts';

let tw: TestWarehouse;
let app: ApiServer;
let adminToken: string;
const BODY_LIMIT = 64 * 1024;

beforeAll(async () => {
  tw = await openTestWarehouse();
  const log = createLogger('silent');
  const pipeline = createPipeline(tw.warehouse, { ingestBatchRows: 1000, ingestBatchMs: 20, dataDir: tw.dir }, log);
  app = await buildServer({ warehouse: tw.warehouse, pipeline, log, ingestMaxBodyBytes: BODY_LIMIT });
  // Ingest is admin-only (DESIGN §8).
  adminToken = (await new TokenStore(tw.warehouse).create({ role: 'admin', name: 'ingest test' })).token;
});
afterAll(async () => {
  await app?.close();
  await tw?.close();
});

const ndjson = (rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');
const post = (topic: string, payload: string, contentType = 'application/x-ndjson') =>
  app.inject({
    method: 'POST',
    url: `/v1/events/${topic}`,
    payload,
    headers: { 'content-type': contentType, authorization: `Bearer ${adminToken}` },
  });

describe('POST /v1/events/:topic', () => {
  it('stores a mixed good/bad NDJSON batch and dead-letters exactly the bad lines', async () => {
    const good = Array.from({ length: 8 }, (_, i) => refund({ event_id: `mix-${i}`, refund_id: `MR${i}` }));
    const lines = [
      ...good.slice(0, 3).map((e) => JSON.stringify(e)),
      '{"event_id": "broken", ', // not JSON
      ...good.slice(3, 6).map((e) => JSON.stringify(e)),
      JSON.stringify(refund({ event_id: 'bad-status', status: 'lost' as never })),
      '',
      JSON.stringify(refund({ event_id: 'bad-csat', status: 'rated' })), // rated without csat
      ...good.slice(6).map((e) => JSON.stringify(e)),
    ];
    const res = await post('refunds', lines.join('\n'));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ received: 11, accepted: 8, rejected: 3 });
    expect(body.rejections.map((r: { line: number }) => r.line)).toEqual([4, 8, 10]);
    expect(body.rejections[1].reason).toContain('/status');
    expect(body.rejections[2].reason).toContain('/csat');

    expect(await tw.count('refund_events', "event_id LIKE 'mix-%'")).toBe(8);
    expect(await tw.count('dead_letters', "topic = 'refunds' AND source = 'http'")).toBe(3);
    const dl = await queryRows<{ raw: string; reason: string }>(
      tw.warehouse.client,
      "SELECT raw, reason FROM dead_letters FINAL WHERE topic = 'refunds' ORDER BY raw",
    );
    expect(dl.map((d) => d.raw)).toContain('{"event_id": "broken", ');
  });

  it('accepts a JSON array body and keeps unknown fields in _extra', async () => {
    const payload = JSON.stringify([order({ event_id: 'arr-1' }), { ...order({ event_id: 'arr-2', order_id: 'O2' }), coupon: 'NEW10' }]);
    const res = await post('orders', payload, 'application/json');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 2, rejected: 0 });
    const rows = await queryRows<{ event_id: string; _extra: string; region_code: string }>(
      tw.warehouse.client,
      "SELECT event_id, _extra, region_code FROM orders FINAL WHERE event_id LIKE 'arr-%' ORDER BY event_id",
    );
    expect(rows).toEqual([
      { event_id: 'arr-1', _extra: '', region_code: '440000' },
      { event_id: 'arr-2', _extra: '{"coupon":"NEW10"}', region_code: '440000' },
    ]);
  });

  it('leaves every count unchanged when the same events are sent twice', async () => {
    const events = [
      ndjson([transcript({ event_id: 'rep-t1' }), transcript({ event_id: 'rep-t2', offset_ms: 61_000 }), '{nope']),
    ];
    for (let i = 0; i < 2; i++) expect((await post('livestream-transcripts', events[0]!)).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) expect((await post('logistics', ndjson([scan({ event_id: 'rep-l1' })]))).statusCode).toBe(200);
    expect(await tw.count('transcript_segments', "event_id LIKE 'rep-%'")).toBe(2);
    expect(await tw.count('logistics_scans', "event_id = 'rep-l1'")).toBe(1);
    expect(await tw.count('dead_letters', "topic = 'livestream-transcripts'")).toBe(1);
  });

  it('dead-letters a row the engine refuses without losing its neighbours', async () => {
    // 1e2 passes the contract (it is the integer 100) but ClickHouse cannot parse it as UInt32.
    const lines = [
      JSON.stringify(order({ event_id: 'eng-1' })),
      JSON.stringify(order({ event_id: 'eng-2' })).replace('"quantity":1', '"quantity":1e2'),
      JSON.stringify(order({ event_id: 'eng-3' })),
    ];
    const res = await post('orders', lines.join('\n'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 2, rejected: 1 });
    expect(res.json().rejections[0]).toMatchObject({ line: 2 });
    expect(res.json().rejections[0].reason).toContain('rejected by ClickHouse');
    expect(await tw.count('orders', "event_id IN ('eng-1', 'eng-3')")).toBe(2);
    expect(await tw.count('dead_letters', "topic = 'orders' AND position(raw, 'eng-2') > 0")).toBe(1);
  });

  it('answers 400 when nothing parses, 404 for an unknown topic, 413 over the body limit, 422 when all are invalid', async () => {
    const garbage = await post('orders', 'this is not json\nneither is this');
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().message).toMatch(/valid JSON/);
    expect((await post('orders', '   ')).statusCode).toBe(400);
    const unknown = await post('returns', ndjson([order()]));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toContain('orders, refunds, livestream-transcripts, logistics');
    const big = await post('orders', 'x'.repeat(BODY_LIMIT + 1));
    expect(big.statusCode).toBe(413);
    const invalid = await post('orders', ndjson([{ event_id: 'x' }]));
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().rejections[0].reason).toContain('occurred_at');
  });
});
