import type { AlertServices } from '../alerts/runtime.ts';
import type { Config } from '../config/config.ts';
import type { OrderEvent, Topic } from '../contracts/index.ts';
import { createKafka } from '../ingest/kafka/kafka-client.ts';
import { publishRemindersToKafka, relayRemindersFromKafka, reminderTopic } from '../realtime/kafka-relay.ts';
import { BatchWriter } from '../ingest/batch-writer.ts';
import type { IngestPipeline } from '../ingest/pipeline.ts';
import { viewerQuestionRule, type SessionSpike } from '../ingest/stream-rules/viewer-question-rule.ts';
import { wordingRule, type HostHitBurst } from '../ingest/stream-rules/wording-rule.ts';
import type { Logger } from '../observability/logger.ts';
import type { ReminderBus } from '../realtime/reminders.ts';
import { queryRows, type ClickHouseClient } from '../warehouse/client.ts';
import type { RawInsert } from '../warehouse/raw-insert.ts';
import { loadSql } from '../warehouse/sql-files.ts';
import { createDetector, createQuestionSpikeDetector, createTopicClassifier, loadLexicon, loadTopicLexicon, spikeOptionsFromParams } from '../wording/index.ts';

export interface StreamRulesOptions {
  pipeline: IngestPipeline;
  insert: RawInsert;
  bus: ReminderBus;
  log: Logger;
  /** An extra lexicon file extending the default (WORDING_LEXICON). */
  lexiconPath?: string;
  onBurst?(burst: HostHitBurst): void;
  onSpike?(spike: SessionSpike): void;
  /** How often viewer-question spikes are evaluated. */
  spikeEvaluateMs?: number;
  /** Where to read the SKUs' refund policies known so far (loaded once, in the background). */
  warehouse?: ClickHouseClient;
  /** `params.stream` of the rules risky_host_wording and viewer_question_spike (the rule file). */
  streamParams?: StreamRuleParams;
}

type StreamParams = Readonly<Record<string, number | string | boolean>>;
export interface StreamRuleParams {
  wording?: StreamParams;
  viewerQuestions?: StreamParams;
}

/** The wording burst's numbers from the rule file (burstWindowMinutes, burstThreshold). */
function burstOptions(stream: StreamParams | undefined): { burstWindowMs?: number; burstThreshold?: number } {
  const out: { burstWindowMs?: number; burstThreshold?: number } = {};
  const minutes = stream?.['burstWindowMinutes'];
  const threshold = stream?.['burstThreshold'];
  if (minutes !== undefined) {
    if (typeof minutes !== 'number' || !(minutes > 0)) throw new RangeError(`risky_host_wording params.stream.burstWindowMinutes must be a number > 0, got ${JSON.stringify(minutes)}`);
    out.burstWindowMs = minutes * 60_000;
  }
  if (threshold !== undefined) {
    if (typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold < 1) throw new RangeError(`risky_host_wording params.stream.burstThreshold must be an integer ≥ 1, got ${JSON.stringify(threshold)}`);
    out.burstThreshold = threshold;
  }
  return out;
}

/** The stream rules' thresholds from the rule file / admin edits, read once at start. */
export async function streamRuleParams(alerts: Pick<AlertServices, 'config'>): Promise<StreamRuleParams> {
  const { config } = await alerts.config.effective();
  const streamOf = (id: string) => {
    const rule = config.rules.find((r) => r.id === id);
    return rule?.kind === 'external' ? rule.params.stream : undefined;
  };
  const wording = streamOf('risky_host_wording');
  const viewerQuestions = streamOf('viewer_question_spike');
  return { ...(wording ? { wording } : {}), ...(viewerQuestions ? { viewerQuestions } : {}) };
}

/** Attaches the in-stream rules (host wording, viewer question spikes) to an ingest pipeline. */
export function attachStreamRules(opts: StreamRulesOptions): { stop(): Promise<void> } {
  const detector = createDetector(loadLexicon(opts.lexiconPath ? { extraPath: opts.lexiconPath } : {}));
  const hits = new BatchWriter(opts.insert, 'wording_hits', { maxRows: 5_000, minRows: 1, maxDelayMs: 500, maxInFlight: 1 });
  const policies = new Map<string, string>();
  // SKU → category, from the orders seen (the prior of a new session's topic mix); bounded.
  const categories = new Map<string, string>();
  if (opts.warehouse) {
    queryRows<{ sku_id: string; refund_policy: string; category: string }>(opts.warehouse, loadSql('stats/sku_policies'))
      .then((rows) => {
        // Orders seen since start are newer than the stored ones: never overwrite them.
        for (const r of rows) {
          if (!policies.has(r.sku_id)) policies.set(r.sku_id, r.refund_policy);
          if (!categories.has(r.sku_id)) categories.set(r.sku_id, r.category);
        }
      })
      .catch((err: unknown) => opts.log.warn({ err }, 'could not load SKU refund policies'));
  }

  const wording = wordingRule({
    detector,
    bus: opts.bus,
    storeHits: (rows) => {
      hits.appendTexts(rows).catch((err: unknown) => opts.log.error({ err }, 'storing wording hits failed'));
    },
    refundPolicyOf: (sku) => policies.get(sku),
    skuCategoryOf: (sku) => categories.get(sku),
    onBurst: opts.onBurst,
    ...burstOptions(opts.streamParams?.wording),
  });
  const questions = viewerQuestionRule({
    classifier: createTopicClassifier(loadTopicLexicon()),
    spikes: createQuestionSpikeDetector(spikeOptionsFromParams(opts.streamParams?.viewerQuestions)),
    bus: opts.bus,
    onSpike: opts.onSpike,
    categoryOf: (sku) => categories.get(sku),
  });

  const unsubscribe = opts.pipeline.onEvent((topic: Topic, event: object) => {
    if (topic === 'orders') {
      const o = event as OrderEvent;
      policies.set(o.sku_id, o.refund_policy);
      if (categories.size > 500_000) categories.clear();
      categories.set(o.sku_id, o.category);
      return;
    }
    wording(topic, event);
    questions.onEvent(topic, event);
  });
  const timer = setInterval(() => {
    try {
      questions.evaluate();
    } catch (err) {
      opts.log.error({ err }, 'viewer question evaluation failed');
    }
  }, opts.spikeEvaluateMs ?? 15_000);
  timer.unref();

  return {
    async stop() {
      clearInterval(timer);
      unsubscribe();
      await hits.flush();
    },
  };
}

/**
 * Both directions of the reminder relay for a process sharing consoles with others: its own
 * reminders go out to the relay topic, everyone else's come in.
 */
export async function startReminderRelays(
  bus: ReminderBus,
  config: Pick<Config, 'kafkaBrokers' | 'kafkaTopicPrefix'>,
  log: Logger,
  direction: 'both' | 'publish' = 'both',
): Promise<Array<{ stop(): Promise<void> }>> {
  if (!config.kafkaBrokers) return [];
  const kafka = createKafka(config.kafkaBrokers, `radar-reminders-${process.pid}`, log);
  const topic = reminderTopic(config.kafkaTopicPrefix);
  const relays = [await publishRemindersToKafka(bus, kafka, topic, log)];
  if (direction === 'both') relays.push(await relayRemindersFromKafka(bus, kafka, topic, log));
  return relays;
}
