import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshKpiFacts } from '../kpi/refresh.ts';
import { AlertEngine } from './engine.ts';
import { fingerprintOf } from './fingerprint.ts';
import { hostBurstReport } from './report.ts';
import { evaluateRule } from './rules/index.ts';
import { startAlerting, type AlertServices } from './runtime.ts';
import { manualScheduler } from './scheduler.ts';
import { HOUR, MIN, openFedWarehouse, orders, refundsOf, rulesWith, stepOf, type FedWarehouse } from '../test/alerts/fixtures.ts';
import type { Viewer } from './scope.ts';

const T0 = Date.UTC(2026, 10, 20, 12);
let now = T0;
const clock = { now: () => now };
const ops: Viewer = { role: 'ops', id: 'ops1' };
// merchant_sla as shipped (48 h, ≥ 3 overdue) but pending for 2 windows and repeating hourly.
const rules = rulesWith('merchant_sla', { pendingWindows: 2, repeatIntervalMinutes: 60 });
let wh: FedWarehouse;
let alerts: AlertServices;

const fp = (shop: string) => fingerprintOf('merchant_sla', { shop_id: shop });

async function start(): Promise<AlertServices> {
  return startAlerting(wh.warehouse, {}, undefined, { engine: true, feed: false, autoStart: false, clock, rules, scheduler: manualScheduler, sleep: async () => undefined });
}

async function tick(at: number) {
  now = at;
  const [outcome] = await alerts.engine!.tick('merchant_sla', at);
  expect(outcome?.ok).toBe(true);
  return outcome!.events.map((e) => `${e.subject.shop_id}:${e.from}→${e.transition}`).sort();
}

async function shop(name: string, decidedAt?: number, n = 3) {
  const list = refundsOf(orders(n, T0 - 6 * 24 * HOUR, { shop_id: name }), T0 - 50 * HOUR, { shop_id: name });
  await wh.ingest('refunds', list);
  if (decidedAt) await wh.ingest('refunds', stepOf(list, decidedAt, 'approved'));
}

beforeAll(async () => {
  wh = await openFedWarehouse();
  await shop('SHOP_A', T0 + 3 * HOUR);
  await shop('SHOP_B');
  await shop('SHOP_C', T0 + 5 * MIN);
  await shop('SHOP_D', undefined, 2); // overdue, but one short of the minimum: a near miss
  await refreshKpiFacts(wh.warehouse); // merchant_sla counts the KPI's refund facts
  alerts = await start();
});
afterAll(async () => {
  await alerts?.stop();
  await wh?.close();
});

describe('alert engine lifecycle on ClickHouse', () => {
  it('pending → firing after N windows; pending → inactive when the condition clears first', async () => {
    expect(await tick(T0)).toEqual(['SHOP_A:none→pending', 'SHOP_B:none→pending', 'SHOP_C:none→pending']);
    expect(await tick(T0 + 10 * MIN)).toEqual(['SHOP_A:pending→firing', 'SHOP_B:pending→firing', 'SHOP_C:pending→inactive']);
    expect(await tick(T0 + 20 * MIN)).toEqual([]);
    const [a] = await alerts.states.list({ fingerprints: [fp('SHOP_A')] }, ops);
    expect(a).toMatchObject({ state: 'firing', firedAt: T0 + 10 * MIN, startedAt: T0, audiences: ['ops'] });
    expect(a!.evidence.numbers).toMatchObject({ overdue: 3 });
  });

  it('acknowledged stops the repeats; a resolve by hand starts over with a new episode', async () => {
    now = T0 + 25 * MIN;
    const ack = await alerts.actions.acknowledge(fp('SHOP_A'), ops, 'calling the shop');
    expect(ack).toMatchObject({ transition: 'acknowledged', from: 'firing', to: 'acknowledged', actor: 'ops1' });
    await expect(alerts.actions.acknowledge(fp('SHOP_A'), ops)).rejects.toMatchObject({ status: 409 });
    now = T0 + 26 * MIN;
    const firstEpisode = (await alerts.states.list({ fingerprints: [fp('SHOP_B')] }, ops))[0]!.episode;
    await alerts.actions.resolve(fp('SHOP_B'), ops, 'shop promised to answer');
    const listed = await alerts.states.list({ fingerprints: [fp('SHOP_A'), fp('SHOP_B')] }, ops);
    expect(Object.fromEntries(listed.map((l) => [l.subject.shop_id, l.state]))).toEqual({ SHOP_A: 'acknowledged', SHOP_B: 'resolved' });
    expect(listed.find((l) => l.subject.shop_id === 'SHOP_A')).toMatchObject({ ackedBy: 'ops1', ackComment: 'calling the shop' });

    expect(await tick(T0 + 30 * MIN)).toEqual(['SHOP_B:resolved→pending']);
    expect(await tick(T0 + 40 * MIN)).toEqual(['SHOP_B:pending→firing']);
    const [b] = await alerts.states.list({ fingerprints: [fp('SHOP_B')] }, ops);
    expect(b!.episode).not.toBe(firstEpisode);
  });

  it('repeats an unacknowledged firing alert after the repeat interval only', async () => {
    expect(await tick(T0 + 80 * MIN)).toEqual([]); // A acknowledged; B fired 40 min ago
    expect(await tick(T0 + 110 * MIN)).toEqual(['SHOP_B:firing→repeat']);
  });

  it('resolves by itself when the condition clears (from acknowledged)', async () => {
    // (B, still firing and unacknowledged, is due its next hourly repeat too.)
    expect(await tick(T0 + 4 * HOUR)).toEqual(['SHOP_A:acknowledged→resolved', 'SHOP_B:firing→repeat']);
    const history = await alerts.events.history(fp('SHOP_A'));
    expect(history.map((e) => e.transition)).toEqual(['pending', 'firing', 'acknowledged', 'resolved']);
    expect(history.every((e) => e.evidence.action === '催促商家处理，考虑开启超时自动同意')).toBe(true);
  });

  it('a new engine on the same warehouse continues where the last one stopped: no duplicate alert', async () => {
    await alerts.stop();
    alerts = await start();
    expect(await tick(T0 + 4 * HOUR + 10 * MIN)).toEqual([]);
    const firings = (await alerts.events.history(fp('SHOP_B'))).filter((e) => e.transition === 'firing');
    expect(firings).toHaveLength(2); // one per episode, none from the restart
    expect(new Set(firings.map((e) => e.eventId)).size).toBe(2);
  });

  it('records every evaluation: window, groups evaluated, outcome, duration, near misses', async () => {
    const evals = await alerts.evaluations.list({ rules: ['merchant_sla'] });
    expect(evals.length).toBeGreaterThanOrEqual(9);
    const last = evals[0]!;
    // A and C have answered: only shops with refunds waiting are evaluated.
    expect(last).toMatchObject({ rule: 'merchant_sla', outcome: 'ok', attempt: 1, groupsEvaluated: 2, conditionsMet: 1, error: '' });
    expect(last.windowEnd - last.windowStart).toBe(48 * HOUR);
    expect(last.nearMisses.map((n) => n.subject.shop_id)).toEqual(['SHOP_D']);
    expect(last.nearMisses[0]!.why).toBe('overdue 2 < 3');
  });
});

describe('failed evaluations are retried, not skipped', () => {
  it('retries a failed attempt and records both', async () => {
    let calls = 0;
    const engine = new AlertEngine({
      ...alerts, client: wh.warehouse.client, clock, scheduler: manualScheduler, sleep: async () => undefined,
      evaluate: async (client, at, rule) => {
        if (++calls === 1) throw new Error('warehouse hiccup');
        return evaluateRule({ client, at }, rule);
      },
    });
    const w = T0 + 5 * HOUR;
    const [outcome] = await engine.tick('merchant_sla', w);
    expect(outcome).toMatchObject({ ok: true, attempts: 2 });
    const rows = (await alerts.evaluations.list({ rules: ['merchant_sla'], from: w, to: w + 1 })).map((e) => [e.attempt, e.outcome, e.error]);
    expect(rows).toEqual([[2, 'ok', ''], [1, 'error', 'warehouse hiccup']]);
  });

  it('a window that fails every attempt is evaluated before the next one', async () => {
    let down = true;
    const engine = new AlertEngine({
      ...alerts, client: wh.warehouse.client, clock, scheduler: manualScheduler, sleep: async () => undefined,
      evaluate: async (client, at, rule) => {
        if (down) throw new Error('warehouse down');
        return evaluateRule({ client, at }, rule);
      },
    });
    const w1 = T0 + 6 * HOUR;
    expect((await engine.tick('merchant_sla', w1)).map((o) => o.ok)).toEqual([false]);
    down = false;
    const outcomes = await engine.tick('merchant_sla', w1 + 10 * MIN);
    expect(outcomes.map((o) => [o.at, o.ok])).toEqual([[w1, true], [w1 + 10 * MIN, true]]);
  });
});

describe('stream rules report through the same lifecycle', () => {
  const burst = { host_id: 'H9', shop_id: 'S9', live_session_id: 'L9', hits_in_window: 6, window_ms: 10 * MIN, threshold: 5, recent: [] };

  it('firing on report, deduped while it lasts, resolved when no longer reported', async () => {
    const t = T0 + 7 * HOUR;
    now = t;
    const first = await alerts.engine!.report(hostBurstReport(burst));
    expect(first.map((e) => e.transition)).toEqual(['firing']);
    expect(first[0]!.labels).toEqual({ host_id: 'H9', live_session_id: 'L9', shop_id: 'S9' });
    expect(first[0]!.audiences).toEqual(['ops', 'host']);
    now = t + MIN;
    expect(await alerts.engine!.report({ ...hostBurstReport(burst), at: t + MIN })).toEqual([]);
    expect(await alerts.engine!.sweepExternal(t + 20 * MIN)).toEqual([]);
    expect((await alerts.engine!.sweepExternal(t + 32 * MIN)).map((e) => e.transition)).toEqual(['resolved']);
  });

  it('firing: false resolves at once; a scheduled rule cannot be reported', async () => {
    const t = T0 + 8 * HOUR;
    now = t;
    expect((await alerts.engine!.report(hostBurstReport(burst))).map((e) => e.transition)).toEqual(['firing']);
    expect((await alerts.engine!.report({ ...hostBurstReport(burst), firing: false })).map((e) => e.transition)).toEqual(['resolved']);
    await expect(alerts.engine!.report({ rule: 'merchant_sla', subject: { shop_id: 'X' }, firing: true })).rejects.toThrow(/schedule/);
  });
});
