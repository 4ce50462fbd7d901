import type { Logger } from '../observability/logger.ts';
import type { ClickHouseClient } from '../warehouse/client.ts';
import { evaluationSeconds, evaluationsTotal, transitionsTotal } from './alert-metrics.ts';
import { applyWindow, type ApplyDeps } from './apply.ts';
import type { Notifier } from './delivery/notifier.ts';
import { evaluateRule } from './rules/index.ts';
import type { RuleConfig } from './rule-config.ts';
import type { ExternalRule, Rule, ScheduledRule } from './rule-schema.ts';
import { cronScheduler, type Scheduler } from './scheduler.ts';
import type { EvaluationStore } from './store/evaluation-store.ts';
import { reportGroup, type AlertReport } from './report.ts';
import type { AlertEvent, RuleEvaluation } from './types.ts';

export interface AlertEngineDeps extends ApplyDeps {
  client: ClickHouseClient;
  config: RuleConfig;
  evaluations: EvaluationStore;
  notifier?: Notifier;
  log?: Logger;
  scheduler?: Scheduler;
  /** Pauses between attempts of a failed evaluation (the last one is final for this tick). */
  retryDelaysMs?: number[];
  sleep?: (ms: number) => Promise<void>;
  /** The rule evaluator; injectable so tests can make an evaluation fail. */
  evaluate?: (client: ClickHouseClient, at: number, rule: ScheduledRule) => Promise<RuleEvaluation>;
}

export interface WindowOutcome {
  rule: string;
  at: number;
  ok: boolean;
  attempts: number;
  events: AlertEvent[];
  error?: string;
}

/** Windows a rule failed to evaluate, kept to be evaluated (in order) before its next window. */
const MAX_MISSED = 48;

/**
 * The alert engine: evaluates each scheduled rule on its cron schedule, runs the lifecycle,
 * stores state and history in ClickHouse, and hands transitions to the notifier. Stream rules
 * raise alerts through report(). All of a rule's work (ticks, reports) is queued on one chain,
 * so its windows are applied one after another and never overlap.
 */
export class AlertEngine {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly missed = new Map<string, number[]>();
  private readonly tasks = new Map<string, { schedule: string; stop(): void }>();
  private maintenance: { stop(): void } | undefined;
  private readonly evaluate: NonNullable<AlertEngineDeps['evaluate']>;

  constructor(private readonly deps: AlertEngineDeps) {
    this.evaluate = deps.evaluate ?? ((client, at, rule) => evaluateRule({ client, at }, rule));
  }

  /** Schedules every enabled rule, plus a minute job: config reload, stream auto-resolve, redelivery. */
  async start(): Promise<void> {
    await this.reconcile();
    const { timezone } = (await this.deps.config.effective()).config;
    const scheduler = this.deps.scheduler ?? cronScheduler;
    this.maintenance = scheduler.every('alerts:maintenance', '* * * * *', timezone, (at) => this.maintain(at));
    await this.deps.notifier?.sweep().catch((err: unknown) => this.deps.log?.error({ err }, 'alert redelivery sweep failed'));
  }

  async stop(): Promise<void> {
    this.maintenance?.stop();
    for (const t of this.tasks.values()) t.stop();
    this.tasks.clear();
    await this.idle();
  }

  /** Waits for queued evaluations, reports and deliveries. */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.allSettled([...this.chains.values()]);
    await this.deps.notifier?.drain();
  }

  /** Evaluates one rule for the window ending at `at` (after any windows it missed). */
  tick(ruleId: string, at: number): Promise<WindowOutcome[]> {
    return this.serialize(ruleId, async () => {
      const rule = await this.deps.config.rule(ruleId);
      if (!rule || rule.kind === 'external' || !rule.enabled) return [];
      const windows = [...(this.missed.get(ruleId) ?? []), at];
      this.missed.delete(ruleId);
      const outcomes: WindowOutcome[] = [];
      for (const w of windows) outcomes.push(await this.runWindow(rule, w));
      const failed = outcomes.filter((o) => !o.ok).map((o) => o.at);
      if (failed.length > 0) this.missed.set(ruleId, failed.slice(-MAX_MISSED));
      return outcomes;
    });
  }

  /** Evaluates every enabled scheduled rule at `at` (tests, `radar alerts` catch-up). */
  async evaluateAll(at: number): Promise<WindowOutcome[]> {
    const rules = (await this.deps.config.rules()).filter((r) => r.kind !== 'external' && r.enabled);
    const all = await Promise.all(rules.map((r) => this.tick(r.id, at)));
    return all.flat();
  }

  /**
   * The entry point for stream rules (host wording bursts, viewer question spikes): one subject
   * of an `external` rule is (firing: true) or is no longer (firing: false) in breach. Runs the
   * same lifecycle — pending windows, silences, repeat interval, history, delivery.
   */
  report(input: AlertReport): Promise<AlertEvent[]> {
    return this.serialize(input.rule, async () => {
      const rule = await this.deps.config.rule(input.rule);
      if (!rule) throw new Error(`report: unknown alert rule "${input.rule}"`);
      if (rule.kind !== 'external') throw new Error(`report: rule "${input.rule}" is evaluated on a schedule, not reported`);
      if (!rule.enabled) return [];
      const at = input.at ?? this.deps.clock.now();
      const result = await applyWindow(this.deps, { rule, at, groups: [reportGroup(rule, input, at)], open: [] });
      this.afterApply(rule.id, result.events);
      return result.events;
    });
  }

  /** Resolves open alerts of stream rules that have not been reported for resolveAfterMinutes. */
  async sweepExternal(at: number): Promise<AlertEvent[]> {
    const rules = (await this.deps.config.rules()).filter((r): r is ExternalRule => r.kind === 'external');
    const out: AlertEvent[] = [];
    for (const rule of rules) {
      const events = await this.serialize(rule.id, async () => {
        const stale = (await this.deps.states.open(rule.id)).filter((r) => !rule.enabled || at - r.lastEvalAt >= rule.params.resolveAfterMinutes * 60_000);
        if (stale.length === 0) return [];
        const result = await applyWindow(this.deps, { rule, at, groups: [], open: stale });
        this.afterApply(rule.id, result.events);
        return result.events;
      });
      out.push(...events);
    }
    return out;
  }

  /** The minute job. Each part logs its own failure so one cannot stop the others. */
  private async maintain(at: number): Promise<void> {
    const log = (what: string) => (err: unknown) => this.deps.log?.error({ err }, `alerts maintenance: ${what} failed`);
    await this.reconcile().catch(log('config reload'));
    await this.sweepExternal(at).catch(log('stream alert auto-resolve'));
    await this.deps.notifier?.sweep().catch(log('redelivery sweep'));
  }

  /** (Re)schedules rules whose schedule changed, unschedules removed ones, closes alerts of disabled rules. */
  async reconcile(): Promise<void> {
    const { config } = await this.deps.config.effective();
    const scheduler = this.deps.scheduler ?? cronScheduler;
    const wanted = new Map(config.rules.filter((r): r is ScheduledRule => r.kind !== 'external' && r.enabled).map((r) => [r.id, r]));
    for (const [id, task] of this.tasks) {
      if (wanted.get(id)?.schedule !== task.schedule) {
        task.stop();
        this.tasks.delete(id);
      }
    }
    for (const rule of wanted.values()) {
      if (this.tasks.has(rule.id)) continue;
      const handle = scheduler.every(`alerts:${rule.id}`, rule.schedule, config.timezone, async (at) => {
        await this.tick(rule.id, at).catch((err: unknown) => this.deps.log?.error({ err, rule: rule.id }, 'alert tick failed'));
      });
      this.tasks.set(rule.id, { schedule: rule.schedule, ...handle });
    }
    for (const rule of config.rules.filter((r) => r.kind !== 'external' && !r.enabled)) await this.closeAll(rule, this.deps.clock.now());
  }

  private async closeAll(rule: Rule, at: number): Promise<void> {
    await this.serialize(rule.id, async () => {
      const open = await this.deps.states.open(rule.id);
      if (open.length === 0) return;
      const result = await applyWindow(this.deps, { rule, at, groups: [], open });
      this.afterApply(rule.id, result.events);
    });
  }

  /** One window: evaluate (retrying), run the lifecycle, record the evaluation. */
  private async runWindow(rule: ScheduledRule, at: number): Promise<WindowOutcome> {
    const delays = this.deps.retryDelaysMs ?? [2_000, 10_000];
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    let error = '';
    for (let attempt = 1; attempt <= delays.length + 1; attempt++) {
      const startedAt = this.deps.clock.now();
      const t0 = performance.now();
      let evaluation: RuleEvaluation | undefined;
      try {
        evaluation = await this.evaluate(this.deps.client, at, rule);
        const result = await applyWindow(this.deps, { rule, at, groups: evaluation.groups, open: await this.deps.states.open(rule.id) });
        const met = evaluation.groups.filter((g) => g.met).length;
        await this.recordEvaluation({ rule, at, evaluation, startedAt, t0, attempt, outcome: 'ok', error: '', met, transitions: result.events.length, open: result.open });
        this.afterApply(rule.id, result.events);
        return { rule: rule.id, at, ok: true, attempts: attempt, events: result.events };
      } catch (err) {
        error = (err as Error).message;
        this.deps.log?.warn({ rule: rule.id, at: new Date(at).toISOString(), attempt, err }, 'alert evaluation failed');
        const failed = { rule, at, evaluation, startedAt, t0, attempt, outcome: 'error' as const, error, met: 0, transitions: 0, open: 0 };
        await this.recordEvaluation(failed).catch(() => undefined);
        if (attempt <= delays.length) await sleep(delays[attempt - 1]!);
      }
    }
    return { rule: rule.id, at, ok: false, attempts: delays.length + 1, events: [], error };
  }

  private async recordEvaluation(r: {
    rule: ScheduledRule; at: number; evaluation: RuleEvaluation | undefined; startedAt: number; t0: number;
    attempt: number; outcome: 'ok' | 'error'; error: string; met: number; transitions: number; open: number;
  }): Promise<void> {
    const { rule, at, evaluation, outcome } = r;
    const seconds = (performance.now() - r.t0) / 1000;
    evaluationsTotal.inc({ rule: rule.id, outcome });
    evaluationSeconds.observe({ rule: rule.id }, seconds);
    const nearMisses = (evaluation?.groups ?? [])
      .filter((g) => !g.met)
      .sort((a, b) => b.score - a.score)
      .slice(0, 10)
      .map((g) => ({ subject: g.subject, score: Math.round(g.score * 1000) / 1000, why: g.why }));
    await this.deps.evaluations.record({
      rule: rule.id,
      windowStart: evaluation?.window.from ?? at,
      windowEnd: at,
      startedAt: r.startedAt,
      durationMs: seconds * 1000,
      attempt: r.attempt,
      outcome,
      groupsEvaluated: evaluation?.groups.length ?? 0,
      conditionsMet: r.met,
      transitions: r.transitions,
      openAlerts: r.open,
      error: r.error,
      nearMisses,
    });
  }

  private afterApply(rule: string, events: AlertEvent[]): void {
    for (const e of events) transitionsTotal.inc({ rule, transition: e.transition });
    if (events.length > 0) this.deps.notifier?.deliver(events);
  }

  private serialize<T>(key: string, work: () => Promise<T>): Promise<T> {
    const prev = this.chains.get(key) ?? Promise.resolve();
    const next = prev.then(work, work);
    const settled = next.catch(() => undefined);
    this.chains.set(key, settled);
    void settled.then(() => {
      if (this.chains.get(key) === settled) this.chains.delete(key);
    });
    return next;
  }
}
