import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRulesFile } from '../rule-config.ts';
import type { AlertsConfig, Rule } from '../rule-schema.ts';
import { startAlerting, type AlertServices } from '../runtime.ts';
import { manualScheduler } from '../scheduler.ts';
import { sqlRows } from '../store/ch.ts';
import { MIN, openFedWarehouse, type FedWarehouse } from '../../test/alerts/fixtures.ts';

/** A webhook receiver on localhost: per path, the statuses to answer in turn (then 200). */
class Receiver {
  readonly requests: Array<{ path: string; status: number; headers: IncomingHttpHeaders; body: Record<string, unknown> }> = [];
  readonly script = new Map<string, number[]>();
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString('utf8')));
      req.on('end', () => {
        const path = req.url ?? '/';
        const status = this.script.get(path)?.shift() ?? 200;
        this.requests.push({ path, status, headers: req.headers, body: JSON.parse(text) as Record<string, unknown> });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'nope');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  accepted(path: string) {
    return this.requests.filter((r) => r.path === path && r.status === 200);
  }
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

const T0 = Date.UTC(2026, 10, 20, 12);
let now = T0;
const clock = { now: () => now };
const receiver = new Receiver();
const sleeps: number[] = [];
let wh: FedWarehouse;
let alerts: AlertServices;
let config: AlertsConfig;

const skuWatch: Rule = {
  id: 'sku_watch', kind: 'external', title: 'SKU watch', enabled: true, pendingWindows: 1, repeatIntervalMinutes: 0,
  severity: 'warning', audiences: ['category_manager', 'ops'], action: '检查商品', params: { resolveAfterMinutes: 30 },
};

async function start(): Promise<AlertServices> {
  return startAlerting(wh.warehouse, { webhookMaxAttempts: 5 }, undefined, {
    engine: true, feed: false, autoStart: false, clock, rules: config, scheduler: manualScheduler,
    sender: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
  });
}

async function report(sku: string, category: string, firing = true) {
  const events = await alerts.engine!.report({ rule: 'sku_watch', subject: { sku_id: sku }, labels: { category }, firing, evidence: { summary: `${sku} watch` } });
  await alerts.engine!.idle();
  return events;
}

beforeAll(async () => {
  await receiver.start();
  wh = await openFedWarehouse();
  const defaults = loadRulesFile();
  config = {
    ...defaults,
    rules: [...defaults.rules, skuWatch],
    channels: [
      { id: 'ops_hook', type: 'webhook', url: `${receiver.url}/ops`, audience: 'ops', enabled: true, grouped: false },
      { id: 'apparel_cm', type: 'dingtalk', url: `${receiver.url}/cm`, audience: 'category_manager', enabled: true, grouped: false, match: [{ name: 'category', op: '=', value: '服饰' }] },
      { id: 'broken', type: 'webhook', url: `${receiver.url}/bad`, audience: 'ops', enabled: true, grouped: false, match: [{ name: 'sku_id', op: '=', value: 'SKU5' }] },
    ],
  };
  alerts = await start();
});
afterAll(async () => {
  await alerts?.stop();
  await wh?.close();
  await receiver.stop();
});

// Ungrouped channels (grouped: false): one message per transition. Grouped delivery: grouping.int.test.ts.
describe('webhook delivery', () => {
  it('a receiver that fails first gets the alert exactly once, after retries with backoff, with one idempotency key', async () => {
    receiver.script.set('/ops', [500, 503]);
    await report('SKU1', '服饰');
    const ops = receiver.requests.filter((r) => r.path === '/ops');
    expect(ops.map((r) => r.status)).toEqual([500, 503, 200]);
    expect(new Set(ops.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(receiver.accepted('/ops')).toHaveLength(1);
    const body = receiver.accepted('/ops')[0]!.body;
    expect(body).toMatchObject({ transition: 'firing', rule: 'sku_watch', subject: { sku_id: 'SKU1' }, audience: 'ops', idempotency_key: ops[0]!.headers['idempotency-key'] });
    expect(body.evidence).toMatchObject({ summary: 'SKU1 watch', action: '检查商品' });
    expect(body.group).toEqual({ key: expect.stringMatching(/^[0-9a-f]{24}$/) as string, labels: {} });
    // exponential backoff with (here fixed) jitter: 1 s then 2 s caps, equal jitter at 0.5
    expect(sleeps).toEqual([750, 1500]);
    const [row] = await sqlRows<{ status: string; attempts: number }>(wh.warehouse.client, 'delivered_keys', { keys: [String(ops[0]!.headers['idempotency-key'])] });
    expect(row?.status).toBe('delivered');
  });

  it('routes by audience and label matchers, in the channel format', async () => {
    expect(receiver.accepted('/cm')).toHaveLength(1);
    expect(receiver.accepted('/cm')[0]!.body).toMatchObject({ msgtype: 'markdown' });
    await report('SKU2', '美妆');
    expect(receiver.accepted('/cm')).toHaveLength(1); // not 服饰
    expect(receiver.accepted('/ops').map((r) => (r.body.subject as { sku_id: string }).sku_id)).toEqual(['SKU1', 'SKU2']);
  });

  it('does not deliver again after a restart (the redelivery sweep finds the keys done)', async () => {
    const before = receiver.requests.length;
    await alerts.stop();
    alerts = await start();
    expect(await alerts.notifier!.sweep()).toBeGreaterThan(0);
    await alerts.notifier!.drain();
    expect(receiver.requests.length).toBe(before);
  });

  it('silences suppress delivery; the transition is still recorded with silenced_by', async () => {
    now = T0 + 10 * MIN;
    const silence = await alerts.silences.create({ matchers: [{ name: 'sku_id', op: '=', value: 'SKU3' }], endsAt: now + 60 * MIN, comment: 'known issue' }, 'ops1');
    const before = receiver.requests.length;
    const [event] = await report('SKU3', '服饰');
    expect(event!.silencedBy).toEqual([silence.id]);
    expect(receiver.requests.length).toBe(before);
    const [history] = await alerts.events.history(event!.fingerprint);
    expect(history!.silencedBy).toEqual([silence.id]);
    await report('SKU4', '服饰');
    expect(receiver.requests.length).toBe(before + 2); // ops + category manager for SKU4
  });

  it('notifies the resolution once, under its own idempotency key', async () => {
    const firingKey = receiver.accepted('/ops')[0]!.headers['idempotency-key'];
    await report('SKU1', '服饰', false);
    const resolved = receiver.accepted('/ops').filter((r) => r.body.transition === 'resolved');
    expect(resolved).toHaveLength(1);
    expect(resolved[0]!.headers['idempotency-key']).not.toBe(firingKey);
  });

  it('a 4xx answer is final: no retry, recorded as failed', async () => {
    receiver.script.set('/bad', [400]);
    await report('SKU5', '美妆');
    expect(receiver.requests.filter((r) => r.path === '/bad').map((r) => r.status)).toEqual([400]);
  });
});
