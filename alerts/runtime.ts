import type { Config } from '../config/config.ts';
import type { Logger } from '../observability/logger.ts';
import type { Warehouse } from '../warehouse/client.ts';
import { AlertActions } from './actions.ts';
import { DEFAULT_RETRY, realSenderDeps, type SenderDeps } from './delivery/http-sender.ts';
import { Grouper } from './delivery/grouper.ts';
import { Notifier } from './delivery/notifier.ts';
import { AlertEngine } from './engine.ts';
import { AlertFeed } from './feed.ts';
import { RuleConfig, loadRulesFile } from './rule-config.ts';
import type { AlertsConfig } from './rule-schema.ts';
import type { Scheduler } from './scheduler.ts';
import { Silences } from './silences.ts';
import { ConfigStore } from './store/config-store.ts';
import { DeliveryStore } from './store/delivery-store.ts';
import { EvaluationStore } from './store/evaluation-store.ts';
import { EventStore } from './store/event-store.ts';
import { GroupStore } from './store/group-store.ts';
import { SilenceStore } from './store/silence-store.ts';
import { StateStore } from './store/state-store.ts';
import { systemClock, type Clock } from './types.ts';

export interface AlertSettings {
  /** Rules file with the defaults (RADAR_ALERTS_RULES); config/alerts.default.json when unset. */
  rulesFile?: string;
  /** Prefix of links in webhook messages (RADAR_PUBLIC_URL). */
  publicUrl?: string;
  webhookTimeoutMs?: number;
  webhookMaxAttempts?: number;
  /** How often the SSE feed tails alert_events. */
  streamPollMs?: number;
  /**
   * How often the engine's grouper looks for due groups: the resolution of groupWait /
   * groupInterval (a 30 s group_wait is sent 30–35 s after the first alert).
   */
  groupTickMs?: number;
}

const DEFAULT_GROUP_TICK_MS = 5_000;

export function alertSettingsOf(config: Config): AlertSettings {
  return {
    ...(config.alertsRulesFile ? { rulesFile: config.alertsRulesFile } : {}),
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    webhookTimeoutMs: config.alertsWebhookTimeoutMs,
    webhookMaxAttempts: config.alertsWebhookAttempts,
    streamPollMs: config.alertsStreamPollMs,
  };
}

export interface AlertRuntimeOptions {
  /** The engine role: rule schedules, evaluation and webhooks run in this process. */
  engine: boolean;
  /** Tail alert_events for SSE clients in this process. */
  feed: boolean;
  /** Start timers (cron, feed polling). Off in tests, which drive everything by hand. */
  autoStart?: boolean;
  clock?: Clock;
  /** Defaults to use instead of reading the rules file (tests). */
  rules?: AlertsConfig;
  scheduler?: Scheduler;
  sender?: SenderDeps;
  retryDelaysMs?: number[];
  sleep?: (ms: number) => Promise<void>;
}

/** Everything the API routes and the CLI need from alerting; alerts/ never imports api/. */
export interface AlertServices {
  config: RuleConfig;
  states: StateStore;
  events: EventStore;
  groups: GroupStore;
  evaluations: EvaluationStore;
  silences: Silences;
  actions: AlertActions;
  clock: Clock;
  feed?: AlertFeed;
  /** Group notifications (webhooks and SSE `alert_group`): only in the engine role. */
  grouper?: Grouper;
  /** Always present: scheduled only in the engine role, but report() works everywhere. */
  engine: AlertEngine;
  /** Webhook delivery: only in the engine role. */
  notifier?: Notifier;
  stop(): Promise<void>;
}

/**
 * Assembles alerting over a (migrated) warehouse. `radar api` runs it with the feed (and the
 * engine too unless RADAR_ALERTS_ENGINE=false, i.e. a separate `radar alerts` process runs it);
 * `radar alerts` runs the engine alone.
 */
export async function startAlerting(warehouse: Warehouse, settings: AlertSettings, log: Logger | undefined, opts: AlertRuntimeOptions): Promise<AlertServices> {
  const client = warehouse.client;
  const clock = opts.clock ?? systemClock;
  const config = new RuleConfig(opts.rules ?? loadRulesFile(settings.rulesFile), new ConfigStore(client), clock);
  const states = new StateStore(client);
  const events = new EventStore(client);
  const groups = new GroupStore(client);
  const evaluations = new EvaluationStore(client);
  const silences = new Silences(new SilenceStore(client), clock);
  const actions = new AlertActions(states, events, silences, clock);
  const autoStart = opts.autoStart ?? true;

  // The engine always exists, so stream rules can report() from any process (state lives in
  // ClickHouse); only the engine role schedules rules and sends webhooks. Transitions reported
  // in a process without the role are delivered by the role's redelivery sweep.
  const notifier = opts.engine
    ? new Notifier({
        config,
        silences,
        deliveries: new DeliveryStore(client),
        events,
        groups,
        clock,
        retry: { ...DEFAULT_RETRY, timeoutMs: settings.webhookTimeoutMs ?? DEFAULT_RETRY.timeoutMs, maxAttempts: settings.webhookMaxAttempts ?? DEFAULT_RETRY.maxAttempts },
        sender: opts.sender ?? realSenderDeps,
        ...(log ? { log: log.child({ role: 'alerts' }) } : {}),
        ...(settings.publicUrl ? { publicUrl: settings.publicUrl } : {}),
      })
    : undefined;
  const engine = new AlertEngine({
    client,
    config,
    states,
    events,
    evaluations,
    silences,
    clock,
    ...(notifier ? { notifier } : {}),
    ...(log ? { log: log.child({ role: 'alerts' }) } : {}),
    ...(opts.scheduler ? { scheduler: opts.scheduler } : {}),
    ...(opts.retryDelaysMs ? { retryDelaysMs: opts.retryDelaysMs } : {}),
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
  });
  // Grouping runs where webhooks are sent (one engine role), so each group is notified once;
  // its notifications are stored, and every API process's feed tails them for SSE.
  const grouper = notifier
    ? new Grouper({ config, states, silences, groups, clock, deliver: (ns) => notifier.deliverGroups(ns), ...(log ? { log: log.child({ role: 'alerts' }) } : {}) })
    : undefined;
  if (opts.engine && autoStart) {
    await engine.start();
    grouper?.start(settings.groupTickMs ?? DEFAULT_GROUP_TICK_MS);
  }
  let feed: AlertFeed | undefined;
  if (opts.feed) {
    feed = new AlertFeed(events, { pollMs: settings.streamPollMs ?? 1_000, groups, ...(log ? { log } : {}) });
    await feed.start(autoStart);
  }
  const problems = (await config.effective()).problems;
  if (problems.length > 0) log?.warn({ problems }, 'stored alert config edits ignored');
  log?.info({ engine: opts.engine, feed: opts.feed, rules: (await config.rules()).filter((r) => r.enabled).map((r) => r.id) }, 'alerting started');

  return {
    config,
    states,
    events,
    groups,
    evaluations,
    silences,
    actions,
    clock,
    engine,
    ...(feed ? { feed } : {}),
    ...(grouper ? { grouper } : {}),
    ...(notifier ? { notifier } : {}),
    async stop() {
      feed?.stop();
      grouper?.stop();
      await grouper?.idle();
      await engine.stop();
    },
  };
}
