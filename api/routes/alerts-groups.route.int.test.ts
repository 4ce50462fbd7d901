import { request as httpRequest, type IncomingMessage } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenStore } from '../../auth/tokens.ts';
import type { GroupNotificationJson } from '../../alerts/delivery/group-json.ts';
import { loadRulesFile } from '../../alerts/rule-config.ts';
import type { Rule } from '../../alerts/rule-schema.ts';
import { startAlerting, type AlertServices } from '../../alerts/runtime.ts';
import { manualScheduler } from '../../alerts/scheduler.ts';
import { openTestWarehouse, type TestWarehouse } from '../../test/helpers/test-warehouse.ts';
import { authPlugin } from '../plugins/auth.plugin.ts';
import { alertRuleRoutes } from './alerts-rules.route.ts';
import { alertStreamRoutes } from './alerts-stream.route.ts';
import { alertRoutes } from './alerts.route.ts';

interface Frame { event: string; data: Record<string, unknown> }

/** An SSE client: collects frames; waitFor resolves once a frame satisfies it. */
class Stream {
  readonly frames: Frame[] = [];
  private buffer = '';
  private res: IncomingMessage | undefined;
  private waiters: Array<() => void> = [];
  constructor(private readonly url: string, private readonly token: string) {}
  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(this.url, { headers: { accept: 'text/event-stream', authorization: `Bearer ${this.token}` } }, (res) => {
        this.res = res;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => this.take(chunk));
        this.waitFor((f) => f.event === 'ready').then(() => resolve(), reject);
      });
      req.on('error', reject);
      req.end();
    });
  }
  groups(): GroupNotificationJson[] {
    return this.frames.filter((f) => f.event === 'alert_group').map((f) => f.data as unknown as GroupNotificationJson);
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
      if (data) this.frames.push({ event: field('event') ?? 'message', data: JSON.parse(data) as Record<string, unknown> });
    }
    for (const w of this.waiters.splice(0)) w();
  }
}

const T0 = Date.UTC(2026, 10, 20, 12);
const S = 1000;
let now = T0;
const clock = { now: () => now };
const common = { kind: 'external', enabled: true, pendingWindows: 1, repeatIntervalMinutes: 0, groupWaitSeconds: 30, groupIntervalSeconds: 300, severity: 'warning', action: '检查', params: { resolveAfterMinutes: 600 } } as const;
// Both rules group everything into one group, so scope must filter members inside a group.
const skuBurst: Rule = { ...common, groupBy: [], id: 'sku_burst', title: 'SKU burst', audiences: ['category_manager', 'ops'] };
const hostBurst: Rule = { ...common, groupBy: [], id: 'host_burst', title: 'Host burst', audiences: ['ops', 'host'] };

let tw: TestWarehouse;
let alerts: AlertServices;
let app: FastifyInstance;
let base = '';
const token: Record<'admin' | 'ops' | 'cm' | 'h1', string> = { admin: '', ops: '', cm: '', h1: '' };
const streams: Stream[] = [];

const sku = (id: string, category: string) => alerts.engine.report({ rule: 'sku_burst', subject: { sku_id: id }, labels: { category }, firing: true });
const host = (hostId: string, session: string) => alerts.engine.report({ rule: 'host_burst', subject: { host_id: hostId, live_session_id: session }, firing: true });
async function open(who: keyof typeof token, query = '') {
  const s = new Stream(`${base}/v1/alerts/stream${query}`, token[who]);
  streams.push(s);
  await s.open();
  return s;
}
const inject = (who: keyof typeof token, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  app.inject({ method, url, headers: { authorization: `Bearer ${token[who]}` }, ...(payload ? { payload } : {}) });

interface GroupJson { key: string; rule: string; count: number; counts: Record<string, number>; labels: Record<string, string>; members: Array<{ fingerprint: string; subject: Record<string, string>; group: { key: string } }> }
const groupsOf = async (who: keyof typeof token, query = '') => ((await inject(who, 'GET', `/v1/alerts/groups${query}`)).json() as { groups: GroupJson[] }).groups;

beforeAll(async () => {
  tw = await openTestWarehouse();
  const defaults = loadRulesFile();
  alerts = await startAlerting(tw.warehouse, {}, undefined, {
    engine: true, feed: true, autoStart: false, clock, rules: { ...defaults, rules: [...defaults.rules, skuBurst, hostBurst] }, scheduler: manualScheduler,
  });
  const tokens = new TokenStore(tw.warehouse);
  token.admin = (await tokens.create({ role: 'admin' })).token;
  token.ops = (await tokens.create({ role: 'ops' })).token;
  token.cm = (await tokens.create({ role: 'category_manager', categories: ['服饰'] })).token;
  token.h1 = (await tokens.create({ role: 'host', host_id: 'H1' })).token;
  app = Fastify();
  await app.register(authPlugin, { tokens });
  for (const routes of [alertRoutes, alertRuleRoutes, alertStreamRoutes]) await app.register(routes, { alerts });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  for (const s of streams) s.close();
  await app?.close();
  await alerts?.stop();
  await tw?.close();
});

describe('grouped SSE notifications', () => {
  it('a burst is one alert_group event listing its members, filtered to the token scope', async () => {
    const [ops, cm, h1] = [await open('ops'), await open('cm'), await open('h1')];
    const grouped = await open('ops', '?types=alert_group');
    for (let i = 1; i <= 20; i++) await sku(`A${i}`, '服饰');
    for (let i = 1; i <= 10; i++) await sku(`B${i}`, '美妆');
    for (let i = 1; i <= 4; i++) await host('H1', `L${i}`);
    for (let i = 1; i <= 2; i++) await host('H2', `M${i}`);
    now = T0 + 30 * S;
    expect((await alerts.grouper!.flush()).map((n) => `${n.rule}:${n.members.length}`).sort()).toEqual(['host_burst:6', 'sku_burst:30']);
    await alerts.feed!.poll();
    // Sentinels stored after the group notifications: once a stream has its sentinel, it has everything before it.
    await sku('Z1', '服饰');
    await host('H1', 'L99');
    await alerts.feed!.poll();
    await ops.waitFor((f) => f.event === 'alert' && (f.data.subject as Record<string, string>).live_session_id === 'L99');
    await cm.waitFor((f) => f.event === 'alert' && (f.data.subject as Record<string, string>).sku_id === 'Z1');
    await h1.waitFor((f) => f.event === 'alert' && (f.data.subject as Record<string, string>).live_session_id === 'L99');
    await grouped.waitFor((f) => f.event === 'alert_group' && f.data.rule === 'host_burst');

    const byRule = (s: Stream) => Object.fromEntries(s.groups().map((g) => [g.rule, g.members.map((m) => Object.values(m.subject).join('/')).sort()]));
    expect(ops.groups()).toHaveLength(2);
    expect(byRule(ops).sku_burst).toHaveLength(30);
    expect(byRule(cm)).toEqual({ sku_burst: Array.from({ length: 20 }, (_, i) => `A${i + 1}`).sort() });
    expect(byRule(h1)).toEqual({ host_burst: ['H1/L1', 'H1/L2', 'H1/L3', 'H1/L4'] });
    expect(cm.groups()[0]).toMatchObject({ kind: 'new', status: 'firing', counts: { firing: 20 }, group: { labels: {} } });
    expect(cm.groups()[0]!.members[0]).toMatchObject({ state: 'firing', change: 'firing', fingerprint: expect.stringMatching(/^[0-9a-f]{20}$/) as string });
    // per-alert events stay on the default stream, each with its group; ?types=alert_group has none
    const perAlert = ops.frames.filter((f) => f.event === 'alert');
    expect(perAlert).toHaveLength(38);
    expect(perAlert[0]!.data.group).toEqual({ key: ops.groups().find((g) => g.rule === perAlert[0]!.data.rule)!.group.key, labels: {} });
    expect(grouped.frames.filter((f) => f.event === 'alert')).toHaveLength(0);
  });
});

describe('GET /v1/alerts/groups and group ack', () => {
  it('lists the groups in scope with counts and members; a host sees only its own members', async () => {
    const ops = await groupsOf('ops');
    expect(ops.map((g) => `${g.rule}:${g.count}`).sort()).toEqual(['host_burst:7', 'sku_burst:31']);
    const skuGroup = ops.find((g) => g.rule === 'sku_burst')!;
    expect(skuGroup.counts).toEqual({ pending: 0, firing: 31, acknowledged: 0, resolved: 0, inactive: 0 });
    expect(skuGroup.members.every((m) => m.group.key === skuGroup.key)).toBe(true);
    expect((skuGroup as unknown as { silence_matchers: unknown }).silence_matchers).toEqual([{ name: 'rule', op: '=', value: 'sku_burst' }]);
    expect((await groupsOf('cm')).map((g) => `${g.rule}:${g.count}`)).toEqual(['sku_burst:21']);
    const h1 = await groupsOf('h1');
    expect(h1.map((g) => g.rule)).toEqual(['host_burst']);
    expect(h1[0]!.members.map((m) => m.subject.host_id)).toEqual(['H1', 'H1', 'H1', 'H1', 'H1']);
    const list = (await inject('ops', 'GET', '/v1/alerts?rule=sku_burst&limit=1')).json() as { alerts: Array<{ fingerprint: string; group: { key: string; labels: object } }> };
    expect(list.alerts[0]!.group).toEqual({ key: skuGroup.key, labels: {} });
    const one = (await inject('ops', 'GET', `/v1/alerts/${list.alerts[0]!.fingerprint}`)).json() as { alert: { group: { key: string } } };
    expect(one.alert.group.key).toBe(skuGroup.key);
  });

  it('acks every firing member in the caller scope only; 404 outside it, 403 for a host', async () => {
    const ops = await groupsOf('ops');
    const skuKey = ops.find((g) => g.rule === 'sku_burst')!.key;
    const hostKey = ops.find((g) => g.rule === 'host_burst')!.key;
    expect((await inject('h1', 'POST', `/v1/alerts/groups/${hostKey}/ack`, {})).statusCode).toBe(403);
    expect((await inject('cm', 'POST', `/v1/alerts/groups/${hostKey}/ack`, {})).statusCode).toBe(404);
    expect((await inject('ops', 'POST', `/v1/alerts/groups/${'0'.repeat(24)}/ack`, {})).statusCode).toBe(404);
    expect((await inject('ops', 'POST', '/v1/alerts/groups/not-a-key/ack', {})).statusCode).toBe(400);

    const acked = await inject('cm', 'POST', `/v1/alerts/groups/${skuKey}/ack`, { comment: '整类排查' });
    expect(acked.statusCode).toBe(200);
    expect(acked.json()).toEqual({ acknowledged: 21 });
    expect((await inject('cm', 'POST', `/v1/alerts/groups/${skuKey}/ack`, {})).json()).toEqual({ acknowledged: 0 });
    const after = (await groupsOf('ops')).find((g) => g.key === skuKey)!;
    expect(after.counts).toMatchObject({ firing: 10, acknowledged: 21 });
    const beauty = after.members.filter((m) => m.subject.sku_id?.startsWith('B'));
    expect(beauty).toHaveLength(10);
    expect((await groupsOf('ops', '?state=acknowledged')).find((g) => g.key === skuKey)!.members.every((m) => /^[AZ]/.test(m.subject.sku_id!))).toBe(true);
  });

  it('the acknowledgements are one update of the group, after group_interval', async () => {
    const cm = streams[1]!;
    now = T0 + 30 * S + 299 * S;
    expect(await alerts.grouper!.flush()).toEqual([]);
    now = T0 + 30 * S + 300 * S;
    const out = await alerts.grouper!.flush();
    expect(out.map((n) => n.rule).sort()).toEqual(['host_burst', 'sku_burst']); // the sentinels are news too
    await alerts.feed!.poll();
    const update = await cm.waitFor((f) => f.event === 'alert_group' && f.data.kind === 'update');
    const data = update.data as unknown as GroupNotificationJson;
    expect(data.counts).toEqual({ firing: 0, acknowledged: 21, resolved: 0 });
    expect(data.members.filter((m) => m.change === 'acknowledged')).toHaveLength(20);
    // Z1 fired after the first notification: new to the group (change firing), acknowledged now
    expect(data.members.filter((m) => m.change === 'firing').map((m) => `${m.subject.sku_id}:${m.state}`)).toEqual(['Z1:acknowledged']);
  });
});

describe('grouping fields are rule config', () => {
  it('admin edits of groupBy / groupWaitSeconds / groupIntervalSeconds are validated and kept', async () => {
    const ok = await inject('admin', 'PUT', '/v1/alerts/rules/high_return_sku', { groupBy: ['shop_id'], groupWaitSeconds: 10, groupIntervalSeconds: 120 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: 'high_return_sku', groupBy: ['shop_id'], groupWaitSeconds: 10, groupIntervalSeconds: 120, repeatIntervalMinutes: 1440 });
    for (const bad of [{ groupBy: ['not-a-label'] }, { groupBy: ['a', 'a'] }, { groupIntervalSeconds: 0 }, { groupWaitSeconds: -1 }]) {
      const res = await inject('admin', 'PUT', '/v1/alerts/rules/high_return_sku', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
  });
});
