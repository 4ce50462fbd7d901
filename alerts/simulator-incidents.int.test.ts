import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulation } from '../simulator/simulation.ts';
import type { AlertServices } from './runtime.ts';
import { ANCHOR, backfill, engineOn, evaluateWindows, replayStream } from '../test/alerts/simulated.ts';
import { DAY, HOUR } from '../test/alerts/fixtures.ts';
import { openTestWarehouse, type TestWarehouse } from '../test/helpers/test-warehouse.ts';
import type { AlertEvent } from './types.ts';

/** The subject label each scheduled rule is keyed by, and where the incident manifest has it. */
const SUBJECT_KEY: Record<string, 'sku_id' | 'region_code' | 'shop_id' | 'live_session_id' | 'stage'> = {
  high_return_sku: 'sku_id',
  stage_bottleneck: 'stage',
  regional_shipping_delay: 'region_code',
  merchant_sla: 'shop_id',
  session_refund_spike: 'live_session_id',
};

let tw: TestWarehouse;
let sim: Simulation;
let alerts: AlertServices;
let firing: AlertEvent[];

beforeAll(async () => {
  tw = await openTestWarehouse();
  sim = await backfill(tw.warehouse, tw.dir, true);
  const engine = await engineOn(tw.warehouse);
  alerts = engine.alerts;
  // Two evaluation windows of each rule, from the anchor on ("within two evaluation intervals").
  const events = await evaluateWindows(alerts, engine.setNow, ANCHOR, ANCHOR + HOUR, 2);
  firing = events.filter((e) => e.transition === 'firing');
  // The stream rules: the last three days of transcripts through the wording and viewer-question
  // rules, whose callbacks report to the engine.
  await replayStream(sim, alerts, ANCHOR - 3 * DAY, ANCHOR, { wording: true });
}, 400_000);
afterAll(async () => {
  await alerts?.stop();
  await tw?.close();
});

describe('simulated incidents are caught (seed 42, 22 days of history)', () => {
  it('each injected incident of a scheduled rule yields exactly one alert of that rule and subject', () => {
    const scheduled = sim.incidents.filter((i) => i.expectedAlert.rule in SUBJECT_KEY);
    expect(scheduled.map((i) => i.kind).sort()).toEqual(['merchant_sla_breach', 'refund_payout_backlog', 'regional_shipping_delay', 'session_refund_spike', 'sku_return_spike']);
    for (const incident of scheduled) {
      const rule = incident.expectedAlert.rule;
      const key = SUBJECT_KEY[rule]!;
      const matching = firing.filter((e) => e.rule === rule && e.subject[key] === incident.subject[key]);
      expect(matching, `${incident.id} ${incident.title}`).toHaveLength(1);
      expect(matching[0]!.evidence.summary.length).toBeGreaterThan(0);
    }
  });

  it('raises nothing else, apart from what an incident may legitimately trigger as a side effect', () => {
    const expected = new Set(sim.incidents.map((i) => `${i.expectedAlert.rule}:${i.subject[SUBJECT_KEY[i.expectedAlert.rule] ?? 'shop_id']}`));
    const allowedRules = new Set(sim.incidents.flatMap((i) => i.mayAlsoTrigger));
    const unexpected = firing.filter((e) => !expected.has(`${e.rule}:${Object.values(e.subject)[0]}`) && !allowedRules.has(e.rule as never));
    expect(unexpected.map((e) => e.evidence.summary)).toEqual([]);
  });

  it('the stream incidents (risky host wording, viewer question spike) raise one alert each through report()', async () => {
    const stream = sim.incidents.filter((i) => i.expectedAlert.rule === 'risky_host_wording' || i.expectedAlert.rule === 'viewer_question_spike');
    expect(stream).toHaveLength(2);
    for (const incident of stream) {
      const listed = await alerts.states.list({ rules: [incident.expectedAlert.rule], limit: 500 }, { role: 'ops' });
      // The manifest names the topic in Chinese (材质); the classifier's topic id is `material`.
      const mine = listed.filter((a) => a.subject.live_session_id === incident.subject.live_session_id && (a.subject.host_id ?? incident.subject.host_id) === incident.subject.host_id);
      expect(mine, incident.title).toHaveLength(1);
      const firings = (await alerts.events.history(mine[0]!.fingerprint)).filter((e) => e.transition === 'firing');
      expect(firings).toHaveLength(1);
    }
  });
});
