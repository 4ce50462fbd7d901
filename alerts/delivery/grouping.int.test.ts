import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRulesFile } from '../rule-config.ts';
import type { AlertsConfig, Rule } from '../rule-schema.ts';
import { startAlerting, type AlertServices } from '../runtime.ts';
import { manualScheduler } from '../scheduler.ts';
import { sqlRows } from '../store/ch.ts';
import { openTestWarehouse, type TestWarehouse } from '../../test/helpers/test-warehouse.ts';
import type { GroupNotificationJson } from './group-json.ts';

/** A webhook receiver on localhost that records every request. */
class Receiver {
  readonly requests: Array<{ path: string; headers: IncomingHttpHeaders; body: GroupNotificationJson & { idempotency_key: string; type: string } }> = [];
  private server: Server | undefined;
  url = '';
  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString('utf8')));
      req.on('end', () => {
        this.requests.push({ path: req.url ?? '/', headers: req.headers, body: JSON.parse(text) as Receiver['requests'][number]['body'] });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  at(path: string) {
    return this.requests.filter((r) => r.path === path);
  }
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

const T0 = Date.UTC(2026, 10, 20, 12);
const S = 1000;
let now = T0;
const clock = { now: () => now };
const receiver = new Receiver();
let tw: TestWarehouse;
let alerts: AlertServices;
let config: AlertsConfig;

const burstRule: Rule = {
  id: 'sku_burst', kind: 'external', title: 'SKU burst', enabled: true, pendingWindows: 1, repeatIntervalMinutes: 60,
  groupBy: ['category'], groupWaitSeconds: 30, groupIntervalSeconds: 300,
  severity: 'warning', audiences: ['category_manager', 'ops'], action: '检查商品', params: { resolveAfterMinutes: 600 },
};

async function start(): Promise<AlertServices> {
  return startAlerting(tw.warehouse, {}, undefined, {
    engine: true, feed: false, autoStart: false, clock, rules: config, scheduler: manualScheduler,
    sender: { sleep: async () => undefined, random: () => 0.5 },
  });
}

async function burst(skus: string[], category: string, firing = true) {
  for (const sku of skus) await alerts.engine.report({ rule: 'sku_burst', subject: { sku_id: sku }, labels: { category }, firing, evidence: { summary: `${sku} 退货偏高` } });
  await alerts.engine.idle();
}

/** One grouper flush at `at`, with its webhooks delivered. */
async function flushAt(at: number) {
  now = at;
  const out = await alerts.grouper!.flush();
  await alerts.notifier!.drain();
  return out;
}

const skus = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

beforeAll(async () => {
  await receiver.start();
  tw = await openTestWarehouse();
  const defaults = loadRulesFile();
  config = {
    ...defaults,
    rules: [...defaults.rules, burstRule],
    channels: [
      { id: 'ops_hook', type: 'webhook', url: `${receiver.url}/ops`, audience: 'ops', enabled: true },
      { id: 'apparel_cm', type: 'webhook', url: `${receiver.url}/cm`, audience: 'category_manager', enabled: true, match: [{ name: 'category', op: '=', value: '服饰' }] },
      { id: 'ops_chat', type: 'dingtalk', url: `${receiver.url}/chat`, audience: 'ops', enabled: true, match: [{ name: 'rule', op: '=', value: 'sku_burst' }] },
    ],
  };
  alerts = await start();
});
afterAll(async () => {
  await alerts?.stop();
  await tw?.close();
  await receiver.stop();
});

describe('grouped webhook notifications', () => {
  it('a burst of 40 alerts of one rule is one notification listing all 40, after group_wait', async () => {
    await burst(skus('A', 40), '服饰');
    expect(await flushAt(T0 + 29 * S)).toEqual([]);
    expect(receiver.requests).toHaveLength(0);

    const [n, ...more] = await flushAt(T0 + 30 * S);
    expect(more).toHaveLength(0);
    expect(n).toMatchObject({ kind: 'new', seq: 1, rule: 'sku_burst', labels: { category: '服饰' } });
    const ops = receiver.at('/ops');
    expect(ops).toHaveLength(1);
    const body = ops[0]!.body;
    expect(body).toMatchObject({ type: 'alert_group', kind: 'new', rule: 'sku_burst', group: { key: n!.key, labels: { category: '服饰' } }, status: 'firing', counts: { firing: 40, acknowledged: 0, resolved: 0 } });
    expect(body.members).toHaveLength(40);
    expect(body.members.map((m) => m.subject.sku_id).sort()).toEqual(skus('A', 40).sort());
    expect(body.members[0]).toMatchObject({ state: 'firing', change: 'firing', summary: expect.stringContaining('退货偏高') as string });
    expect(body.members.every((m) => /^[0-9a-f]{20}$/.test(m.fingerprint))).toBe(true);
    expect(ops[0]!.headers['idempotency-key']).toBe(body.idempotency_key);
    // the category manager's channel (category = 服饰) and the chat channel: one message each
    expect(receiver.at('/cm')).toHaveLength(1);
    expect(receiver.at('/cm')[0]!.body.members).toHaveLength(40);
    expect(receiver.at('/chat')).toHaveLength(1);
    // the per-alert history is unchanged: 40 firing transitions
    expect(await tw.count('alert_events', "rule = 'sku_burst' AND transition = 'firing'")).toBe(40);
  });

  it('a second burst within group_interval waits for it and goes out as one update', async () => {
    now = T0 + 60 * S;
    await burst(skus('B', 5), '服饰');
    expect(await flushAt(T0 + 90 * S)).toEqual([]);
    expect(await flushAt(T0 + 30 * S + 299 * S)).toEqual([]);
    now = T0 + 200 * S;
    await burst(skus('C', 3), '服饰');
    const [n] = await flushAt(T0 + 30 * S + 300 * S);
    expect(n).toMatchObject({ kind: 'update', seq: 2 });
    const ops = receiver.at('/ops');
    expect(ops).toHaveLength(2);
    const update = ops[1]!.body;
    expect(update.members).toHaveLength(48);
    expect(update.members.filter((m) => m.change === 'firing').map((m) => m.subject.sku_id).sort()).toEqual([...skus('B', 5), ...skus('C', 3)].sort());
    expect(update.idempotency_key).not.toBe(ops[0]!.body.idempotency_key);
  });

  it('a restart resends nothing: delivered keys are in alert_deliveries, the group state in alert_groups', async () => {
    const before = receiver.requests.length;
    await alerts.stop();
    alerts = await start();
    expect(await alerts.notifier!.sweep()).toBeGreaterThan(0);
    await alerts.notifier!.drain();
    expect(await flushAt(T0 + 30 * S + 301 * S)).toEqual([]);
    expect(await flushAt(T0 + 40 * 60 * S)).toEqual([]);
    expect(receiver.requests.length).toBe(before);
    const keys = receiver.at('/ops').map((r) => r.body.idempotency_key);
    const rows = await sqlRows<{ status: string }>(tw.warehouse.client, 'delivered_keys', { keys });
    expect(rows.map((r) => r.status)).toEqual(['delivered', 'delivered']);
  });

  it('an unchanged firing group is re-sent after repeat_interval, not before', async () => {
    const lastAt = T0 + 330 * S;
    expect(await flushAt(lastAt + 60 * 60 * S - 1)).toEqual([]);
    const [n] = await flushAt(lastAt + 60 * 60 * S);
    expect(n).toMatchObject({ kind: 'repeat', seq: 3 });
    const repeat = receiver.at('/ops').at(-1)!.body;
    expect(repeat.members).toHaveLength(48);
    expect(repeat.members.every((m) => m.change === null)).toBe(true);
  });

  it('a silenced member is not in the notification; a group of silenced members sends nothing', async () => {
    const base = T0 + 2 * 3_600_000;
    now = base;
    await alerts.silences.create({ matchers: [{ name: 'sku_id', op: '=~', value: 'M[12]' }], endsAt: base + 3_600_000, comment: 'known' }, 'ops1');
    await burst(['M1', 'M2', 'M3'], '美妆');
    await burst(['Q1'], '食品');
    await alerts.silences.create({ matchers: [{ name: 'category', op: '=', value: '食品' }], endsAt: base + 3_600_000, comment: 'all of 食品' }, 'ops1');
    const before = receiver.at('/ops').length;
    const out = await flushAt(base + 30 * S);
    expect(out.map((n) => n.labels.category)).toEqual(['美妆']);
    const ops = receiver.at('/ops').slice(before);
    expect(ops).toHaveLength(1);
    expect(ops[0]!.body.members.map((m) => m.subject.sku_id)).toEqual(['M3']);
    expect(receiver.at('/cm').filter((r) => r.body.group.labels.category !== '服饰')).toHaveLength(0);
  });

  it('resolved members are reported once, in the next notification of their group', async () => {
    const base = T0 + 2 * 3_600_000 + 60 * S;
    now = base;
    await burst(['M3'], '美妆', false);
    const out = await flushAt(base + 300 * S);
    expect(out.find((n) => n.labels.category === '美妆')).toMatchObject({ kind: 'update' });
    const last = receiver.at('/ops').filter((r) => r.body.group.labels.category === '美妆').at(-1)!.body;
    expect(last).toMatchObject({ status: 'resolved', counts: { firing: 0, acknowledged: 0, resolved: 1 } });
    expect(last.members).toEqual([expect.objectContaining({ state: 'resolved', change: 'resolved', subject: { sku_id: 'M3' } })]);
    expect((await flushAt(base + 900 * S)).filter((n) => n.labels.category === '美妆')).toEqual([]);
    // When the silence ends, its members are news: they fire in the group's next notification.
    const after = (await flushAt(base + 3_600_000)).find((n) => n.labels.category === '美妆');
    expect(after?.members.map((m) => `${m.subject.sku_id}:${m.change}`).sort()).toEqual(['M1:firing', 'M2:firing']);
  });
});
