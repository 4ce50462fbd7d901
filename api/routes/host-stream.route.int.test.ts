import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenStore } from '../../auth/tokens.ts';
import { createLogger } from '../../observability/logger.ts';
import { ReminderBus } from '../../realtime/reminders.ts';
import { createPipeline } from '../../runtime/ingest-runtime.ts';
import { attachStreamRules } from '../../runtime/stream-rules.ts';
import { createRawInsert } from '../../warehouse/raw-insert.ts';
import { openTestWarehouse, type TestWarehouse } from '../../test/helpers/test-warehouse.ts';
import { connectSse, type SseClient } from '../../test/helpers/sse-client.ts';
import { transcript } from '../../test/helpers/fixtures.ts';
import { buildServer, type ApiServer } from '../server.ts';

let tw: TestWarehouse;
let app: ApiServer;
let url: string;
let stopRules: () => Promise<void>;
const tokens: Record<string, string> = {};
const clients: SseClient[] = [];

beforeAll(async () => {
  tw = await openTestWarehouse();
  const log = createLogger('silent');
  const pipeline = createPipeline(tw.warehouse, { ingestBatchRows: 100, ingestBatchMs: 10, dataDir: tw.dir }, log);
  const bus = new ReminderBus();
  const rules = attachStreamRules({ pipeline, insert: createRawInsert(tw.warehouse, `${tw.dir}/tmp`), bus, log });
  stopRules = rules.stop;
  const store = new TokenStore(tw.warehouse);
  tokens.admin = (await store.create({ role: 'admin' })).token;
  tokens.H1 = (await store.create({ role: 'host', host_id: 'H1' })).token;
  tokens.H2 = (await store.create({ role: 'host', host_id: 'H2' })).token;
  tokens.cm = (await store.create({ role: 'category_manager', categories: ['美妆'] })).token;
  app = await buildServer({ warehouse: tw.warehouse, pipeline, log, ingestMaxBodyBytes: 1 << 20, bus, tokens: store });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await app?.close();
  await stopRules?.();
  await tw?.close();
});

async function stream(token: string, query = ''): Promise<SseClient> {
  const c = await connectSse(`${url}/v1/host/stream${query}`, token);
  clients.push(c);
  return c;
}

async function say(host: string, eventId: string, text: string): Promise<void> {
  const body = JSON.stringify(transcript({ event_id: eventId, host_id: host, text, occurred_at: new Date().toISOString() }));
  const res = await fetch(`${url}/v1/events/livestream-transcripts`, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/x-ndjson' },
  });
  expect(res.status).toBe(200);
}

describe('GET /v1/host/stream', () => {
  it("pushes a host's risky phrase to that host's console, and never to another host's", async () => {
    const h1 = await stream(tokens.H1!);
    const h2 = await stream(tokens.H2!);
    const ops = await stream(tokens.admin!);
    for (const c of [h1, h2, ops]) await c.waitFor((e) => e.event === 'ready');

    await say('H1', 'hs-1', '宝宝们这款精华液全网最低价，绝对有效');
    const got = await h1.waitFor((e) => e.event === 'reminder');
    expect(got.data).toMatchObject({ kind: 'wording_hit', host_id: 'H1', live_session_id: 'L1' });
    await ops.waitFor((e) => e.event === 'reminder' && (e.data as { host_id: string }).host_id === 'H1');

    // H2's own hit arrives on H2's stream; by then H1's (sent earlier) would have too, if leaked.
    await say('H2', 'hs-2', '加我微信私聊');
    await h2.waitFor((e) => e.event === 'reminder');
    const h2Hosts = h2.events.filter((e) => e.event === 'reminder').map((e) => (e.data as { host_id: string }).host_id);
    expect(new Set(h2Hosts)).toEqual(new Set(['H2']));
    expect(h1.events.filter((e) => e.event === 'reminder').every((e) => (e.data as { host_id: string }).host_id === 'H1')).toBe(true);
  });

  it('refuses a host asking for another host, a category manager, and a missing token', async () => {
    expect((await stream(tokens.H1!, '?host_id=H2')).status).toBe(403);
    expect((await stream(tokens.cm!)).status).toBe(403);
    expect((await fetch(`${url}/v1/host/stream`)).status).toBe(401);
  });
});

describe('GET /v1/host/stream on a console opened mid-session', () => {
  it("starts with the host's latest reminders, and only that host's", async () => {
    const late = await stream(tokens.H2!);
    await late.waitFor((e) => e.event === 'ready');
    const replayed = late.events.filter((e) => e.event === 'reminder').map((e) => e.data as { host_id: string });
    expect(replayed.length).toBeGreaterThan(0);
    expect(replayed.every((r) => r.host_id === 'H2')).toBe(true);
  });
});
