import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../observability/logger.ts';
import { createPipeline } from '../../runtime/ingest-runtime.ts';
import { queryRows } from '../../warehouse/client.ts';
import { buildServer, type ApiServer } from '../server.ts';
import { openTestWarehouse, type TestWarehouse } from '../../test/helpers/test-warehouse.ts';
import { order, scan } from '../../test/helpers/fixtures.ts';
import { TokenStore } from '../../auth/tokens.ts';
import { roleStatus } from '../../observability/role-status.ts';

// Regression tests of the issue #20 probe: one event that passes (or nearly passes) the
// contract must never fail the insert it shares with other requests.

let tw: TestWarehouse;
let app: ApiServer;
let token: string;

beforeAll(async () => {
  tw = await openTestWarehouse();
  const log = createLogger('silent');
  // A long batch window: concurrent requests share one insert, as under load.
  const pipeline = createPipeline(tw.warehouse, { ingestBatchRows: 100_000, ingestBatchMs: 200, dataDir: tw.dir }, log);
  app = await buildServer({ warehouse: tw.warehouse, pipeline, log, ingestMaxBodyBytes: 8 * 1024 * 1024 });
  token = (await new TokenStore(tw.warehouse).create({ role: 'admin', name: 'poison test' })).token;
});
afterAll(async () => {
  await app?.close();
  await tw?.close();
});

const post = (topic: string, payload: string, contentType = 'application/x-ndjson') =>
  app.inject({ method: 'POST', url: `/v1/events/${topic}`, payload, headers: { 'content-type': contentType, authorization: `Bearer ${token}` } });

const nest = (n: number) => '['.repeat(n) + '1' + ']'.repeat(n);

describe('poison rows among valid ones', () => {
  it('stores the valid rows, dead-letters the poison with a reason, and answers every concurrent request 200', async () => {
    const base = (id: string) => JSON.stringify(order({ event_id: id, order_id: id }));
    const poison: Record<string, string> = {
      surrogate: base('p-sur').replace('"U1"', '"\\ud800"'),
      surrogateKey: base('p-surkey').replace('{', '{"\\udc00x":1,'),
      deep: base('p-deep').replace('{', `{"x":${nest(1000)},`),
      offset1e20: base('p-1e20').replace('"live_offset_ms":120000', '"live_offset_ms":1e20'),
      offset2p64: base('p-2p64').replace('"live_offset_ms":120000', '"live_offset_ms":18446744073709551616'),
      year2300: base('p-2300').replace('2026-11-20T20:15:00+08:00', '2300-01-01T00:00:00Z'),
      // Passes the contract (1e2 is the integer 100) but the engine cannot read it as UInt32.
      engine: base('p-eng').replace('"quantity":1', '"quantity":1e2'),
    };
    const poisonBody = ['good-p-1', ...Object.values(poison), 'good-p-2'].map((l) => (l.startsWith('good') ? base(l) : l)).join('\n');
    const clean = Array.from({ length: 10 }, (_, r) =>
      Array.from({ length: 20 }, (_, i) => base(`good-${r}-${i}`)).join('\n'),
    );
    const answers = await Promise.all([post('orders', poisonBody), ...clean.map((b) => post('orders', b))]);
    for (const a of answers) expect(a.statusCode, a.body).toBe(200);
    for (const a of answers.slice(1)) expect(a.json()).toMatchObject({ accepted: 20, rejected: 0 });

    const p = answers[0]!.json();
    expect(p).toMatchObject({ accepted: 2, rejected: 7 });
    const reasons = p.rejections.map((r: { reason: string }) => r.reason);
    expect(reasons[0]).toMatch(/\/user_id: contains a lone UTF-16 surrogate/);
    expect(reasons[1]).toMatch(/lone UTF-16 surrogate/);
    expect(reasons[2]).toMatch(/\/x\/.*nested deeper than 32 levels/);
    expect(reasons[3]).toMatch(/\/live_offset_ms/);
    expect(reasons[4]).toMatch(/\/live_offset_ms/);
    expect(reasons[5]).toMatch(/\/occurred_at: must be between 2000-01-01 and 2100-01-01/);
    expect(reasons[6]).toMatch(/rejected by ClickHouse/);

    expect(await tw.count('orders', "event_id LIKE 'good-%'")).toBe(202);
    expect(await tw.count('orders', "event_id LIKE 'p-%'")).toBe(0);
    const dl = await queryRows<{ raw: string; reason: string }>(
      tw.warehouse.client,
      "SELECT raw, reason FROM dead_letters FINAL WHERE topic = 'orders' AND position(raw, '\"p-') > 0 ORDER BY raw",
    );
    expect(dl).toHaveLength(7);
    // The raw bytes are the producer's own text, escape included.
    expect(dl.map((d) => d.raw)).toContain(poison.surrogate);
  });

  it('stores one request spanning more than 100 months (more partitions than one insert takes)', async () => {
    const lines: string[] = [];
    for (let m = 0; m < 130; m++) {
      const month = `${2010 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
      lines.push(JSON.stringify(order({ event_id: `months-${m}`, occurred_at: `${month}-10T00:00:00Z` })));
    }
    const [wide, other] = await Promise.all([post('orders', lines.join('\n')), post('orders', JSON.stringify(order({ event_id: 'months-other' })))]);
    expect(wide.statusCode, wide.body).toBe(200);
    expect(wide.json()).toMatchObject({ accepted: 130, rejected: 0 });
    expect(other.statusCode).toBe(200);
    expect(await tw.count('orders', "event_id LIKE 'months-%'")).toBe(131);
  });

  it('refuses a promised_at outside the stored range', async () => {
    const res = await post('logistics', JSON.stringify(scan({ event_id: 'promise-3000', promised_at: '3000-01-01T00:00:00Z' })));
    expect(res.statusCode).toBe(422);
    expect(res.json().rejections[0].reason).toContain('/promised_at: must be between');
  });

  it('answers 400, not 503, for an array body nested 100,000 deep', async () => {
    const res = await post('orders', `[${nest(100_000)}]`, 'application/json');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toMatch(/nested deeper than/);
    // An NDJSON line that deep is one dead letter, its neighbours stored.
    const line = await post('orders', [JSON.stringify(order({ event_id: 'deep-n-1' })), `{"x":${nest(100_000)}}`].join('\n'));
    expect(line.statusCode, line.body).toBe(200);
    expect(line.json()).toMatchObject({ accepted: 1, rejected: 1 });
  });

  it('reports a stopped role on /healthz as degraded', async () => {
    roleStatus.set('simulator', 'running');
    const ok = await app.inject({ method: 'GET', url: '/healthz' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().roles.simulator.state).toBe('running');
    roleStatus.set('simulator', 'stopped', 'sink refused: boom');
    try {
      const res = await app.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'degraded', stopped_roles: ['simulator'], roles: { simulator: { state: 'stopped', reason: 'sink refused: boom' } } });
    } finally {
      roleStatus.forget('simulator');
    }
  });
});
