import { request as httpRequest, type IncomingMessage } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenStore } from '../../auth/tokens.ts';
import { loadRulesFile } from '../../alerts/rule-config.ts';
import type { Rule } from '../../alerts/rule-schema.ts';
import { startAlerting, type AlertServices } from '../../alerts/runtime.ts';
import { manualScheduler } from '../../alerts/scheduler.ts';
import { openTestWarehouse, type TestWarehouse } from '../../test/helpers/test-warehouse.ts';
import { authPlugin } from '../plugins/auth.plugin.ts';
import { alertRuleRoutes } from './alerts-rules.route.ts';
import { alertSilenceRoutes } from './alerts-silences.route.ts';
import { alertStreamRoutes } from './alerts-stream.route.ts';
import { alertRoutes } from './alerts.route.ts';

interface Frame { id?: string; event: string; data: Record<string, unknown> }

/** An SSE client: collects frames; waitFor resolves on the first chunk that satisfies it. */
class Stream {
  readonly frames: Frame[] = [];
  private buffer = '';
  private res: IncomingMessage | undefined;
  private waiters: Array<() => void> = [];
  constructor(private readonly base: string, private readonly token: string, private readonly query = '', private readonly lastEventId?: string) {}

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${this.token}` };
      if (this.lastEventId) headers['last-event-id'] = this.lastEventId;
      const req = httpRequest(`${this.base}/v1/alerts/stream${this.query}`, { headers }, (res) => {
        this.res = res;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => this.take(chunk));
        this.waitFor((f) => f.event === 'ready').then(() => resolve(), reject);
      });
      req.on('error', reject);
      req.end();
    });
  }
  alerts(): string[] {
    return this.frames.filter((f) => f.event === 'alert').map((f) => `${f.data.rule}:${Object.values(f.data.subject as object).join('/')}`);
  }
  async waitFor(ok: (f: Frame) => boolean): Promise<Frame> {
    for (;;) {
      const hit = this.frames.find(ok);
      if (hit) return hit;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
  close(): void {
    this.res?.destroy();
  }
  private take(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
      const data = field('data');
      if (data) this.frames.push({ ...(field('id') ? { id: field('id')! } : {}), event: field('event') ?? 'message', data: JSON.parse(data) as Record<string, unknown> });
    }
    for (const w of this.waiters.splice(0)) w();
  }
}

const skuWatch: Rule = {
  id: 'sku_watch', kind: 'external', title: 'SKU watch', enabled: true, pendingWindows: 1, repeatIntervalMinutes: 0,
  severity: 'warning', audiences: ['category_manager', 'ops'], action: '检查商品', params: { resolveAfterMinutes: 30 },
};
let tw: TestWarehouse;
let alerts: AlertServices;
let app: FastifyInstance;
let base = '';
const token: Record<'admin' | 'ops' | 'cm' | 'h1' | 'h2', string> = { admin: '', ops: '', cm: '', h1: '', h2: '' };
const streams: Stream[] = [];

async function raise(rule: string, subject: Record<string, string>, labels: Record<string, string> = {}) {
  return (await alerts.engine!.report({ rule, subject, labels, firing: true }))[0]!;
}
const subj = (f: Frame) => (f.data.subject ?? {}) as Record<string, string>;
const sku = (id: string, category: string) => raise('sku_watch', { sku_id: id }, { category });
const wording = (host: string, session: string) => raise('risky_host_wording', { host_id: host, live_session_id: session });
async function open(who: keyof typeof token, query = '', lastEventId?: string) {
  const s = new Stream(base, token[who], query, lastEventId);
  streams.push(s);
  await s.open();
  return s;
}
const inject = (who: keyof typeof token, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  app.inject({ method, url, headers: { authorization: `Bearer ${token[who]}` }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  tw = await openTestWarehouse();
  const defaults = loadRulesFile();
  alerts = await startAlerting(tw.warehouse, {}, undefined, {
    engine: true, feed: true, autoStart: false, rules: { ...defaults, rules: [...defaults.rules, skuWatch] }, scheduler: manualScheduler,
  });
  const tokens = new TokenStore(tw.warehouse);
  token.admin = (await tokens.create({ role: 'admin' })).token;
  token.ops = (await tokens.create({ role: 'ops' })).token;
  token.cm = (await tokens.create({ role: 'category_manager', categories: ['服饰'] })).token;
  token.h1 = (await tokens.create({ role: 'host', host_id: 'H1' })).token;
  token.h2 = (await tokens.create({ role: 'host', host_id: 'H2' })).token;
  app = Fastify();
  await app.register(authPlugin, { tokens });
  for (const routes of [alertRoutes, alertSilenceRoutes, alertRuleRoutes, alertStreamRoutes]) await app.register(routes, { alerts });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  for (const s of streams) s.close();
  await app?.close();
  await alerts?.stop();
  await tw?.close();
});

describe('GET /v1/alerts/stream honours the token scope', () => {
  it('ops get everything, a category manager their categories, a host only their own', async () => {
    const [ops, cm, h1, h2] = [await open('ops'), await open('cm'), await open('h1'), await open('h2')];
    await sku('SKU1', '服饰');
    await sku('SKU2', '美妆');
    await wording('H1', 'L1');
    await wording('H2', 'L2');
    // Sentinels, one per scope, raised last: once a stream has its sentinel it has everything before it.
    await sku('SKU9', '服饰');
    await wording('H1', 'L9');
    await wording('H2', 'L9');
    await alerts.feed!.poll();
    await ops.waitFor((f) => subj(f).live_session_id === 'L9' && subj(f).host_id === 'H2');
    await cm.waitFor((f) => subj(f).sku_id === 'SKU9');
    await h1.waitFor((f) => subj(f).live_session_id === 'L9');
    await h2.waitFor((f) => subj(f).live_session_id === 'L9');
    expect(ops.alerts()).toHaveLength(7);
    expect(cm.alerts()).toEqual(['sku_watch:SKU1', 'sku_watch:SKU9']);
    expect(h1.alerts()).toEqual(['risky_host_wording:H1/L1', 'risky_host_wording:H1/L9']);
    expect(h2.alerts()).toEqual(['risky_host_wording:H2/L2', 'risky_host_wording:H2/L9']);
    const first = cm.frames.find((f) => f.event === 'alert')!;
    expect(first.data).toMatchObject({ transition: 'firing', to: 'firing', audiences: ['category_manager', 'ops'], evidence: { action: '检查商品' } });
  });

  it('leaves silenced alerts out unless asked for them', async () => {
    const cm = streams[1]!;
    const all = await open('ops', '?include_silenced=true');
    const silence = await inject('ops', 'POST', '/v1/alerts/silences', { matchers: [{ name: 'sku_id', op: '=', value: 'SKU7' }], ends_at: new Date(Date.now() + 3_600_000).toISOString() });
    expect(silence.statusCode).toBe(201);
    await sku('SKU7', '服饰');
    await sku('SKU8', '服饰');
    await alerts.feed!.poll();
    await cm.waitFor((f) => subj(f).sku_id === 'SKU8');
    await all.waitFor((f) => subj(f).sku_id === 'SKU8');
    expect(cm.alerts()).not.toContain('sku_watch:SKU7');
    expect(all.alerts()).toEqual(['sku_watch:SKU7', 'sku_watch:SKU8']);
  });

  it('resumes after Last-Event-ID, in scope', async () => {
    const first = streams[1]!.frames.find((f) => f.event === 'alert')!;
    const resumed = await open('cm', '', first.id);
    await resumed.waitFor((f) => subj(f).sku_id === 'SKU8');
    expect(resumed.alerts()).toEqual(['sku_watch:SKU9', 'sku_watch:SKU8']);
  });
});

describe('the alert API honours roles and scope', () => {
  it('lists only what the token may see', async () => {
    const list = async (who: keyof typeof token) =>
      ((await inject(who, 'GET', '/v1/alerts?state=firing')).json() as { alerts: Array<{ subject: Record<string, string> }> }).alerts.map((a) => Object.values(a.subject).join('/')).sort();
    expect(await list('cm')).toEqual(['SKU1', 'SKU7', 'SKU8', 'SKU9']);
    expect(await list('h1')).toEqual(['H1/L1', 'H1/L9']);
    expect((await list('ops')).length).toBe(9);
  });

  it('ack and resolve: ops anywhere, a category manager in scope, a host never', async () => {
    const fpOf = async (who: keyof typeof token, id: string) =>
      ((await inject(who, 'GET', '/v1/alerts')).json() as { alerts: Array<{ fingerprint: string; subject: Record<string, string> }> }).alerts.find((a) => Object.values(a.subject).includes(id))!.fingerprint;
    const sku1 = await fpOf('ops', 'SKU1');
    const sku2 = await fpOf('ops', 'SKU2');
    const l1 = await fpOf('ops', 'L1');
    expect((await inject('h1', 'POST', `/v1/alerts/${l1}/ack`, {})).statusCode).toBe(403);
    expect((await inject('cm', 'POST', `/v1/alerts/${sku2}/ack`, {})).statusCode).toBe(404);
    expect((await inject('cm', 'GET', `/v1/alerts/${sku2}`)).statusCode).toBe(404);
    const acked = await inject('cm', 'POST', `/v1/alerts/${sku1}/ack`, { comment: '下架检查中' });
    expect(acked.statusCode).toBe(200);
    expect((await inject('cm', 'POST', `/v1/alerts/${sku1}/ack`, {})).statusCode).toBe(409);
    expect((await inject('ops', 'POST', `/v1/alerts/${sku2}/resolve`, {})).statusCode).toBe(200);
    const one = (await inject('cm', 'GET', `/v1/alerts/${sku1}`)).json() as { alert: { state: string; acknowledged_by: string }; history: Array<{ transition: string }> };
    expect(one.alert.state).toBe('acknowledged');
    expect(one.history.map((h) => h.transition)).toEqual(['firing', 'acknowledged']);
  });

  it('rules: ops read, admin edit; silences and evaluations: ops and admin only', async () => {
    expect((await inject('cm', 'GET', '/v1/alerts/rules')).statusCode).toBe(403);
    expect((await inject('ops', 'GET', '/v1/alerts/rules')).statusCode).toBe(200);
    expect((await inject('ops', 'PUT', '/v1/alerts/rules/high_return_sku', { params: { ratio: 2 } })).statusCode).toBe(403);
    const bad = await inject('admin', 'PUT', '/v1/alerts/rules/high_return_sku', { params: { ratio: 0.5 } });
    expect(bad.statusCode).toBe(400);
    const ok = await inject('admin', 'PUT', '/v1/alerts/rules/high_return_sku', { params: { ratio: 2 } });
    expect(ok.json()).toMatchObject({ id: 'high_return_sku', source: 'override', params: { ratio: 2, minOrders: 30 } });
    expect((await inject('h1', 'POST', '/v1/alerts/silences', { matchers: [{ name: 'host_id', op: '=', value: 'H1' }], ends_at: '2100-01-01T00:00:00Z' })).statusCode).toBe(403);
    expect((await inject('ops', 'GET', '/v1/alerts/evaluations')).statusCode).toBe(200);
    expect((await inject('h1', 'GET', '/v1/alerts/evaluations')).statusCode).toBe(403);
    expect((await inject('ops', 'GET', '/v1/alerts/channels')).statusCode).toBe(403);
  });
});
