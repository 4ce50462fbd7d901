import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../observability/logger.ts';
import { createPipeline } from '../../runtime/ingest-runtime.ts';
import { queryRows } from '../../warehouse/client.ts';
import { buildServer, type ApiServer } from '../server.ts';
import { openTestWarehouse, type TestWarehouse } from '../../test/helpers/test-warehouse.ts';
import { order, refund } from '../../test/helpers/fixtures.ts';
import { TokenStore } from '../../auth/tokens.ts';

// Idempotency by event_id alone (issue #20): whatever else a re-send changes, an id is one row.

let tw: TestWarehouse;
let app: ApiServer;
let token: string;

beforeAll(async () => {
  tw = await openTestWarehouse();
  const log = createLogger('silent');
  const pipeline = createPipeline(tw.warehouse, { ingestBatchRows: 10_000, ingestBatchMs: 30, dataDir: tw.dir }, log);
  app = await buildServer({ warehouse: tw.warehouse, pipeline, log, ingestMaxBodyBytes: 1024 * 1024 });
  token = (await new TokenStore(tw.warehouse).create({ role: 'admin', name: 'idempotency test' })).token;
});
afterAll(async () => {
  await app?.close();
  await tw?.close();
});

const post = (topic: string, lines: unknown[]) =>
  app.inject({
    method: 'POST',
    url: `/v1/events/${topic}`,
    payload: lines.map((l) => JSON.stringify(l)).join('\n'),
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` },
  });

const conflicts = (id: string) => tw.count('dead_letters', `topic = 'orders' AND startsWith(reason, 'conflict') AND position(raw, '"${id}"') > 0`);

describe('same event_id sent again', () => {
  it('counts an order re-sent with another shop once, keeps the first, and dead-letters the second as a conflict', async () => {
    const first = order({ event_id: 'idem-1', shop_id: 'S1' });
    expect((await post('orders', [first])).json()).toMatchObject({ accepted: 1, rejected: 0 });
    const again = await post('orders', [first]);
    expect(again.json()).toMatchObject({ accepted: 1, rejected: 0 });
    const moved = await post('orders', [{ ...first, shop_id: 'S2' }]);
    expect(moved.statusCode).toBe(422);
    expect(moved.json().rejections[0].reason).toMatch(/^conflict: event_id "idem-1" is already stored with different content/);

    // Counted without FINAL as well: no second row waits for a merge.
    const rows = await queryRows<{ shop_id: string }>(tw.warehouse.client, "SELECT shop_id FROM orders WHERE event_id = 'idem-1'");
    expect(rows).toEqual([{ shop_id: 'S1' }]);
    expect(await conflicts('idem-1')).toBe(1);
  });

  it('stores one row when the same id arrives in concurrent requests and twice in one request', async () => {
    const e = order({ event_id: 'idem-2' });
    const answers = await Promise.all(Array.from({ length: 6 }, () => post('orders', [e, e])));
    for (const a of answers) expect(a.statusCode).toBe(200);
    expect(await tw.count('orders', "event_id = 'idem-2'")).toBe(1);
    expect(await conflicts('idem-2')).toBe(0);

    const variants = await Promise.all(['A', 'B', 'C', 'D'].map((shop) => post('orders', [order({ event_id: 'idem-3', shop_id: shop })])));
    expect(variants.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(variants.filter((a) => a.statusCode === 422)).toHaveLength(3);
    const rows = await queryRows<{ c: string }>(tw.warehouse.client, "SELECT count() AS c FROM orders WHERE event_id = 'idem-3'");
    expect(Number(rows[0]!.c)).toBe(1);
    expect(await conflicts('idem-3')).toBe(3);
  });

  it('keeps ids per topic: the same id on two topics is two events', async () => {
    const res = await post('refunds', [refund({ event_id: 'idem-1' })]);
    expect(res.json()).toMatchObject({ accepted: 1, rejected: 0 });
    expect(await tw.count('refund_events', "event_id = 'idem-1'")).toBe(1);
  });
});
