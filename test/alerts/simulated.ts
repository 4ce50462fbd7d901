import { viewerQuestionRule } from '../../ingest/stream-rules/viewer-question-rule.ts';
import { refreshKpiFacts } from '../../kpi/refresh.ts';
import { wordingRule } from '../../ingest/stream-rules/wording-rule.ts';
import { ReminderBus } from '../../realtime/reminders.ts';
import { createPipeline } from '../../runtime/ingest-runtime.ts';
import { runSimulation } from '../../simulator/run.ts';
import { createSimulation, type Simulation } from '../../simulator/simulation.ts';
import type { Warehouse } from '../../warehouse/client.ts';
import { createDetector, createQuestionSpikeDetector, createTopicClassifier, loadLexicon, loadTopicLexicon } from '../../wording/index.ts';
import { hostBurstReport, questionSpikeReport, type AlertReport } from '../../alerts/report.ts';
import { startAlerting, type AlertServices } from '../../alerts/runtime.ts';
import type { ScheduledRule } from '../../alerts/rule-schema.ts';
import { cronTimes, manualScheduler } from '../../alerts/scheduler.ts';
import type { AlertEvent } from '../../alerts/types.ts';
import { HOUR } from './fixtures.ts';

/** A fixed "now" for the simulated world (20:00 China time), so runs are reproducible. */
export const ANCHOR = Date.UTC(2026, 10, 20, 12);
/** Long enough for every rule's look-back: session baselines reach 21 days back. */
export const BACKFILL_DAYS = 22;

/**
 * The simulator's backfill, up to an hour past the anchor, through the real ingest pipeline.
 * Transcripts are left out: no scheduled rule reads them (the wording rules run in the stream),
 * and they are half of all events.
 */
export async function backfill(warehouse: Warehouse, dataDir: string, incidents: boolean): Promise<Simulation> {
  const simulation = createSimulation({ seed: 42, anchorMs: ANCHOR, incidents });
  const pipeline = createPipeline(warehouse, { ingestBatchRows: 50_000, ingestBatchMs: 200, dataDir });
  const quiet = { info: () => undefined, warn: () => undefined };
  await runSimulation({
    simulation,
    days: BACKFILL_DAYS,
    rate: 0,
    now: () => ANCHOR + HOUR,
    log: quiet,
    batchSize: 20_000,
    sink: {
      async send(topic, events) {
        if (topic !== 'livestream-transcripts') await pipeline.ingestValues(topic, events, 'simulator');
      },
      close: () => pipeline.flush(),
    },
  });
  await pipeline.flush();
  // The regional-delay rule reads the KPI's shipment facts (issue #21), as in production where
  // the KPI job keeps them current.
  await refreshKpiFacts(warehouse);
  return simulation;
}

/** An engine on the default rules, driven by hand with a clock that follows the windows. */
export async function engineOn(warehouse: Warehouse): Promise<{ alerts: AlertServices; setNow(ms: number): void }> {
  let now = ANCHOR;
  const alerts = await startAlerting(warehouse, {}, undefined, {
    engine: true, feed: false, autoStart: false, clock: { now: () => now }, scheduler: manualScheduler, sleep: async () => undefined,
  });
  return { alerts, setNow: (ms) => (now = ms) };
}

/**
 * Evaluates every enabled scheduled rule at each of its cron times in [from, to), at most
 * `maxWindows` of them, in time order; returns every transition.
 */
export async function evaluateWindows(alerts: AlertServices, setNow: (ms: number) => void, from: number, to: number, maxWindows = Infinity): Promise<AlertEvent[]> {
  const { config } = await alerts.config.effective();
  const rules = config.rules.filter((r): r is ScheduledRule => r.kind !== 'external' && r.enabled);
  const plan = rules.flatMap((r) => cronTimes(r.schedule, config.timezone, from, to).slice(0, maxWindows).map((at) => ({ rule: r.id, at })));
  plan.sort((a, b) => a.at - b.at);
  const events: AlertEvent[] = [];
  for (const { rule, at } of plan) {
    setNow(at);
    for (const outcome of await alerts.engine!.tick(rule, at)) {
      if (!outcome.ok) throw new Error(`${rule} at ${new Date(at).toISOString()}: ${outcome.error}`);
      events.push(...outcome.events);
    }
  }
  return events;
}

/**
 * Replays the simulation's transcripts of [fromMs, toMs) through the in-stream rules (the same
 * functions ingest attaches) with their callbacks wired to engine.report(), as runtime/services.ts
 * does: the end-to-end path of the stream rules' alerts, at stream time.
 */
export async function replayStream(sim: Simulation, alerts: AlertServices, fromMs: number, toMs: number, opts: { wording: boolean }): Promise<void> {
  const bus = new ReminderBus();
  const pending: Promise<unknown>[] = [];
  const report = (r: AlertReport) => void pending.push(alerts.engine.report(r));
  const wording = opts.wording
    ? wordingRule({ detector: createDetector(loadLexicon()), bus, storeHits: () => undefined, onBurst: (b) => report(hostBurstReport(b)) })
    : undefined;
  const questions = viewerQuestionRule({
    classifier: createTopicClassifier(loadTopicLexicon()),
    spikes: createQuestionSpikeDetector(),
    bus,
    onSpike: (s) => report(questionSpikeReport(s)),
  });
  let minute = 0;
  for (const record of sim.events(fromMs, toMs)) {
    if (record.topic !== 'livestream-transcripts') continue;
    wording?.(record.topic, record.event);
    questions.onEvent(record.topic, record.event);
    // The spike rule is evaluated once per minute of stream time, as its timer would.
    const m = Math.floor(record.at / 60_000);
    if (m !== minute) {
      questions.evaluate();
      minute = m;
    }
  }
  questions.evaluate();
  await Promise.all(pending);
}
