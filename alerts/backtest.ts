import type { ClickHouseClient } from '../warehouse/client.ts';
import { fingerprintOf } from './fingerprint.ts';
import { step } from './lifecycle.ts';
import { evaluateRule } from './rules/index.ts';
import type { AlertsConfig, ScheduledRule } from './rule-schema.ts';
import { cronTimes } from './scheduler.ts';
import type { AlertEvent, AlertRecord } from './types.ts';

export interface BacktestOptions {
  client: ClickHouseClient;
  config: AlertsConfig;
  from: number;
  to: number;
  /** Rule ids; default every enabled scheduled rule. */
  rules?: string[];
  /** Evaluate every `stepMinutes` instead of the rule's schedule (faster over long ranges). */
  stepMinutes?: number;
  /** Each transition as it happens (firing, resolved, pending, repeat, inactive). */
  onEvent?(e: AlertEvent): void;
  onWindow?(rule: string, at: number, groups: number, met: number): void;
}

export interface BacktestSummary {
  rule: string;
  windows: number;
  firings: number;
  /** Alerts still firing at the end of the range. */
  openAtEnd: number;
  subjects: string[];
}

/**
 * Replays the rules over history: every window of each rule's schedule in [from, to) is
 * evaluated "as of" its time (the rule SQL ignores later events) and run through the same
 * lifecycle as the live engine — pending windows, repeat interval, auto-resolve — with state in
 * memory only. Nothing is written and nothing is delivered, so a rule can be tuned before it
 * is switched on. Not replayed: acks, silences (human actions) and stream rules.
 */
export async function backtest(opts: BacktestOptions): Promise<BacktestSummary[]> {
  const wanted = opts.rules ? new Set(opts.rules) : undefined;
  const unknown = opts.rules?.filter((id) => !opts.config.rules.some((r) => r.id === id)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown rule(s): ${unknown.join(', ')}`);
  const rules = opts.config.rules.filter(
    (r): r is ScheduledRule => r.kind !== 'external' && (wanted ? wanted.has(r.id) : r.enabled),
  );
  const summaries: BacktestSummary[] = [];
  for (const rule of rules) {
    const windows = opts.stepMinutes
      ? range(opts.from, opts.to, opts.stepMinutes * 60_000)
      : cronTimes(rule.schedule, opts.config.timezone, opts.from, opts.to);
    const records = new Map<string, AlertRecord>();
    const subjects = new Set<string>();
    let firings = 0;
    for (const at of windows) {
      const evaluation = await evaluateRule({ client: opts.client, at }, rule);
      const groups = new Map(evaluation.groups.map((g) => [fingerprintOf(rule.id, g.subject), g]));
      const open = [...records.values()].filter((r) => r.state === 'pending' || r.state === 'firing').map((r) => r.fingerprint);
      const identities = new Set([...open, ...[...groups].filter(([, g]) => g.met).map(([fp]) => fp)]);
      for (const fp of identities) {
        const out = step({ rule, prev: records.get(fp), group: groups.get(fp), at });
        if (out.record) records.set(fp, out.record);
        for (const e of out.events) {
          if (e.transition === 'firing') {
            firings++;
            subjects.add(Object.values(e.subject).join('/'));
          }
          opts.onEvent?.(e);
        }
      }
      opts.onWindow?.(rule.id, at, evaluation.groups.length, evaluation.groups.filter((g) => g.met).length);
    }
    const openAtEnd = [...records.values()].filter((r) => r.state === 'firing').length;
    summaries.push({ rule: rule.id, windows: windows.length, firings, openAtEnd, subjects: [...subjects] });
  }
  return summaries;
}

function range(from: number, to: number, stepMs: number): number[] {
  const out: number[] = [];
  for (let t = Math.ceil(from / stepMs) * stepMs; t < to; t += stepMs) out.push(t);
  return out;
}
