import type { OrderEvent, TranscriptEvent } from '../../contracts/index.ts';
import { fingerprintOf } from '../../alerts/fingerprint.ts';
import { step } from '../../alerts/lifecycle.ts';
import { hostBurstReport, questionSpikeReport, reportGroup, type AlertReport } from '../../alerts/report.ts';
import type { AlertsConfig, ExternalRule } from '../../alerts/rule-schema.ts';
import type { AlertEvent, AlertRecord } from '../../alerts/types.ts';
import { viewerQuestionRule } from '../../ingest/stream-rules/viewer-question-rule.ts';
import { wordingRule } from '../../ingest/stream-rules/wording-rule.ts';
import { ReminderBus } from '../../realtime/reminders.ts';
import { createDetector, createQuestionSpikeDetector, createTopicClassifier, loadLexicon, loadTopicLexicon } from '../../wording/index.ts';

/**
 * The stream rules as ingest runs them (ingest/stream-rules/*: the same detector, classifier
 * and spike detector, fed the same events in emission order), with their callbacks turned
 * into reports the way runtime/services.ts does, and the alert lifecycle of engine.report()
 * and the engine's minute sweep (alerts/lifecycle.ts step(): pending windows, repeat, resolve
 * after resolveAfterMinutes) kept in memory, as the backtest keeps the scheduled rules'.
 * Differences from production, on purpose: the spike rule is evaluated once per minute of
 * stream time (production: every 15 s of wall time against stream time), and nothing is stored
 * or delivered.
 */

export const WORDING_RULE = 'risky_host_wording';
export const SPIKE_RULE = 'viewer_question_spike';

type StreamParams = Record<string, number | string | boolean>;

/** The stream thresholds of an external rule: `params.stream` of the rule file. */
export function streamParams(config: AlertsConfig, id: string): { rule: ExternalRule | undefined; stream: StreamParams } {
  const rule = config.rules.find((r): r is ExternalRule => r.id === id && r.kind === 'external');
  return { rule, stream: rule?.params.stream ?? {} };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Options of createQuestionSpikeDetector() from the rule file: every numeric or boolean entry of params.stream. */
export function spikeOptionsFrom(stream: StreamParams): Record<string, number | boolean> {
  const out: Record<string, number | boolean> = {};
  for (const [k, v] of Object.entries(stream)) if (typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  return out;
}

export interface StreamReplay {
  /** One transcript event, at its emission time. */
  transcript(event: TranscriptEvent, at: number): void;
  /** Orders tell the wording rule each SKU's refund policy, as in production. */
  order(event: OrderEvent): void;
  /** Flushes: a last evaluation and resolve sweep at `at`. */
  finish(at: number): void;
}

export function streamReplay(config: AlertsConfig, onEvent: (e: AlertEvent) => void): StreamReplay {
  const wordingCfg = streamParams(config, WORDING_RULE);
  const spikeCfg = streamParams(config, SPIKE_RULE);
  const external = new Map<string, ExternalRule>();
  for (const r of [wordingCfg.rule, spikeCfg.rule]) if (r?.enabled) external.set(r.id, r);
  const records = new Map<string, AlertRecord>();
  let clock = 0;

  const report = (r: AlertReport): void => {
    const rule = external.get(r.rule);
    if (!rule) return;
    const at = r.at ?? clock;
    const group = reportGroup(rule, r, at);
    const fp = fingerprintOf(rule.id, group.subject);
    const out = step({ rule, prev: records.get(fp), group, at });
    if (out.record) records.set(fp, out.record);
    out.events.forEach(onEvent);
  };
  /** The engine's minute job: open stream alerts not reported for resolveAfterMinutes resolve. */
  const sweep = (at: number): void => {
    for (const [fp, prev] of records) {
      const rule = external.get(prev.rule);
      if (!rule || (prev.state !== 'pending' && prev.state !== 'firing')) continue;
      if (at - prev.lastEvalAt < rule.params.resolveAfterMinutes * 60_000) continue;
      const out = step({ rule, prev, group: undefined, at });
      if (out.record) records.set(fp, out.record);
      out.events.forEach(onEvent);
    }
  };

  const bus = new ReminderBus();
  // SKU → refund policy and category from the orders seen, as runtime/stream-rules.ts keeps them
  // (the category is the prior of a new session's topic mix: without it a clothing session's
  // first minutes were judged against the whole platform's mix and its 尺码 / 材质 questions
  // fired — two false spikes in the quiet world of seed 1008).
  const policies = new Map<string, string>();
  const categories = new Map<string, string>();
  const burstWindowMinutes = num(wordingCfg.stream.burstWindowMinutes);
  const burstThreshold = num(wordingCfg.stream.burstThreshold);
  const wording = wordingRule({
    detector: createDetector(loadLexicon()),
    bus,
    storeHits: () => undefined,
    refundPolicyOf: (sku) => policies.get(sku),
    skuCategoryOf: (sku) => categories.get(sku),
    onBurst: (b) => report(hostBurstReport(b)),
    ...(burstWindowMinutes !== undefined ? { burstWindowMs: burstWindowMinutes * 60_000 } : {}),
    ...(burstThreshold !== undefined ? { burstThreshold } : {}),
    now: () => clock,
  });
  const questions = viewerQuestionRule({
    classifier: createTopicClassifier(loadTopicLexicon()),
    spikes: createQuestionSpikeDetector(spikeOptionsFrom(spikeCfg.stream)),
    bus,
    onSpike: (s) => report(questionSpikeReport(s)),
    categoryOf: (sku) => categories.get(sku),
    now: () => clock,
  });

  let minute = 0;
  const tick = (at: number): void => {
    const m = Math.floor(at / 60_000);
    if (m === minute) return;
    if (minute !== 0) {
      questions.evaluate();
      sweep(m * 60_000);
    }
    minute = m;
  };

  return {
    transcript(event, at) {
      tick(at);
      clock = at;
      if (external.has(WORDING_RULE)) wording('livestream-transcripts', event);
      if (external.has(SPIKE_RULE)) questions.onEvent('livestream-transcripts', event);
    },
    order(event) {
      policies.set(event.sku_id, event.refund_policy);
      categories.set(event.sku_id, event.category);
    },
    finish(at) {
      clock = at;
      questions.evaluate();
      sweep(at);
    },
  };
}
