import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Writable } from 'node:stream';
import { TokenStore } from '../../auth/tokens.ts';
import { createLogger } from '../../observability/logger.ts';
import { createPipeline } from '../../runtime/ingest-runtime.ts';
import { openTestWarehouse, type TestWarehouse } from '../../test/helpers/test-warehouse.ts';
import { order } from '../../test/helpers/fixtures.ts';
import { buildServer, type ApiServer } from '../server.ts';

// Issue #20, tokens: least privilege for producers, no token in a URL or a log, expiry, rate
// limits on failed authentication and on expensive reads, a cap on streams, page headers.

let tw: TestWarehouse;
let app: ApiServer;
let tokens: TokenStore;
const t = { admin: '', ops: '', ops2: '', producer: '' };
let logged = '';

beforeAll(async () => {
  tw = await openTestWarehouse();
  const sink = new Writable({ write: (chunk, _enc, done) => ((logged += String(chunk)), done()) });
  const log = createLogger('info', 'test', sink);
  const pipeline = createPipeline(tw.warehouse, { ingestBatchRows: 1000, ingestBatchMs: 20, dataDir: tw.dir }, log);
  tokens = new TokenStore(tw.warehouse);
  app = await buildServer({
    warehouse: tw.warehouse,
    pipeline,
    log,
    tokens,
    ingestMaxBodyBytes: 1 << 20,
    limits: { authFailuresPerMinute: 5, readsPerTokenPerMinute: 4, streamsPerToken: 2 },
  });
  // A route that fails, to see what the error log holds.
  app.get('/v1/test/fails', async () => {
    throw new Error('deliberate failure');
  });
  for (const role of ['admin', 'ops', 'producer'] as const) t[role] = (await tokens.create({ role, name: `${role} test` })).token;
  t.ops2 = (await tokens.create({ role: 'ops', name: 'second ops' })).token;
});
afterAll(async () => {
  await app?.close();
  await tw?.close();
});

const call = (method: 'GET' | 'POST', url: string, token?: string, extra: { payload?: string; headers?: Record<string, string>; ip?: string } = {}) =>
  app.inject({
    method,
    url,
    remoteAddress: extra.ip ?? '127.0.0.1',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra.headers },
    ...(extra.payload !== undefined ? { payload: extra.payload } : {}),
  });

describe('producer role', () => {
  it('may ingest and ask who it is, but cannot read KPIs, alerts, trace or mint tokens', async () => {
    const ingest = await call('POST', '/v1/events/orders', t.producer, { payload: JSON.stringify(order({ event_id: 'prod-1' })), headers: { 'content-type': 'application/x-ndjson' } });
    expect(ingest.statusCode, ingest.body).toBe(200);
    expect((await call('GET', '/v1/me', t.producer)).json()).toMatchObject({ role: 'producer' });
    for (const url of ['/v1/kpi/overview', '/v1/kpi/return-rates', '/v1/orders/O1/trace', '/v1/sessions/L1/timeline', '/v1/tokens']) {
      const res = await call('GET', url, t.producer, { ip: '10.0.0.2' });
      expect(res.statusCode, url).toBe(403);
    }
    const mint = await call('POST', '/v1/tokens', t.producer, { payload: JSON.stringify({ role: 'admin' }), headers: { 'content-type': 'application/json' } });
    expect(mint.statusCode).toBe(403);
    // ops may read but not ingest
    const opsIngest = await call('POST', '/v1/events/orders', t.ops, { payload: JSON.stringify(order({ event_id: 'prod-2' })), headers: { 'content-type': 'application/x-ndjson' } });
    expect(opsIngest.statusCode).toBe(403);
  });
});

describe('tokens in URLs and logs', () => {
  it('takes ?access_token= only on the stream routes', async () => {
    const res = await call('GET', `/v1/kpi/overview?access_token=${t.ops}`, undefined, { headers: { accept: 'text/event-stream' }, ip: '10.0.0.3' });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('missing bearer token');
  });

  it('never writes a token to the log, from the URL or the header', async () => {
    logged = '';
    const res = await call('GET', `/v1/test/fails?access_token=${t.admin}&x=1`, t.ops);
    expect(res.statusCode).toBe(503);
    expect(logged).toContain('deliberate failure');
    expect(logged).toContain('access_token=[redacted]');
    for (const secret of [t.admin, t.ops]) expect(logged).not.toContain(secret.split('_')[2]!);
  });
});

describe('expiry', () => {
  it('refuses a token after its expires_at, to the request', async () => {
    const { token, info } = await tokens.create({ role: 'ops', name: 'short', expires_at: new Date(Date.now() + 3_600_000) });
    expect(info.expires_at).not.toBeNull();
    expect((await call('GET', '/v1/me', token)).statusCode).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 3_600_001);
      const res = await call('GET', '/v1/me', token, { ip: '10.0.0.4' });
      expect(res.statusCode).toBe(401);
      expect(res.json().message).toMatch(/expired/);
    } finally {
      vi.useRealTimers();
    }
    await expect(tokens.create({ role: 'ops', expires_at: new Date(Date.now() - 1) })).rejects.toThrow(/future/);
  });
});

describe('rate limits', () => {
  it('answers 429 to an address after too many failed authentications, even with a good token', async () => {
    const ip = '10.9.9.9';
    for (let i = 0; i < 5; i++) expect((await call('GET', '/v1/me', `radar_${'0'.repeat(16)}_${'A'.repeat(43)}`, { ip })).statusCode).toBe(401);
    const blocked = await call('GET', '/v1/me', t.ops, { ip });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await call('GET', '/v1/me', t.ops, { ip: '10.9.9.8' })).statusCode).toBe(200);
  });

  it('limits expensive reads per token, not per process', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await call('GET', '/v1/kpi/return-rates', t.ops2, { ip: '10.0.1.1' })).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 429]);
    // Another token is not held back, and cheap reads of the same token are not counted.
    expect((await call('GET', '/v1/kpi/return-rates', t.admin, { ip: '10.0.1.1' })).statusCode).toBe(200);
    expect((await call('GET', '/v1/me', t.ops2, { ip: '10.0.1.1' })).statusCode).toBe(200);
  });
});

describe('event streams', () => {
  it('caps open streams per token and frees a slot when one closes', async () => {
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const open = async (token: string) => {
      const ctl = new AbortController();
      const res = await fetch(`${url}/v1/host/stream?access_token=${token}`, { headers: { accept: 'text/event-stream' }, signal: ctl.signal });
      return { status: res.status, close: () => ctl.abort(), body: res.body };
    };
    const a = await open(t.ops);
    const b = await open(t.ops);
    expect([a.status, b.status]).toEqual([200, 200]);
    const c = await open(t.ops);
    expect(c.status).toBe(429);
    const other = await open(t.admin);
    expect(other.status).toBe(200);
    a.close();
    // The slot frees when the server sees the close: poll, do not sleep.
    let d = await open(t.ops);
    for (let i = 0; i < 50 && d.status === 429; i++) d = await open(t.ops);
    expect(d.status).toBe(200);
    for (const s of [b, d, other]) s.close();
  });
});

describe('dashboard headers', () => {
  it('sends CSP, nosniff, frame-ancestors and referrer policy on the page', async () => {
    const res = await call('GET', '/');
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    // The API keeps nosniff but no page policy.
    const api = await call('GET', '/v1/me', t.ops, { ip: '10.0.2.1' });
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['content-security-policy']).toBeUndefined();
  });
});
