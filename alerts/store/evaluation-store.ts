import type { ClickHouseClient } from '../../warehouse/client.ts';
import { chTime, fromChTime, insertRows, sqlRows } from './ch.ts';

/** One evaluation attempt of a scheduled rule, as kept in alert_evaluations. */
export interface EvaluationRecord {
  rule: string;
  windowStart: number;
  windowEnd: number;
  startedAt: number;
  durationMs: number;
  attempt: number;
  outcome: 'ok' | 'error';
  groupsEvaluated: number;
  conditionsMet: number;
  transitions: number;
  openAlerts: number;
  error: string;
  /** The groups closest to firing that did not, with the reason (top 10). */
  nearMisses: Array<{ subject: Record<string, string>; score: number; why: string }>;
}

interface Row {
  rule: string;
  window_start: string;
  window_end: string;
  started_at: string;
  duration_ms: number;
  attempt: number;
  outcome: string;
  groups_evaluated: number;
  conditions_met: number;
  transitions: number;
  open_alerts: number;
  error: string;
  near_misses: string;
}

export interface EvaluationFilter {
  rules?: string[];
  outcome?: 'ok' | 'error';
  from?: number;
  to?: number;
  limit?: number;
}

export class EvaluationStore {
  constructor(private readonly client: ClickHouseClient) {}

  async record(e: EvaluationRecord): Promise<void> {
    await insertRows(this.client, 'alert_evaluations', [
      {
        rule: e.rule,
        window_start: new Date(e.windowStart).toISOString(),
        window_end: new Date(e.windowEnd).toISOString(),
        started_at: new Date(e.startedAt).toISOString(),
        duration_ms: Math.round(e.durationMs),
        attempt: e.attempt,
        outcome: e.outcome,
        groups_evaluated: e.groupsEvaluated,
        conditions_met: e.conditionsMet,
        transitions: e.transitions,
        open_alerts: e.openAlerts,
        error: e.error,
        near_misses: JSON.stringify(e.nearMisses),
      },
    ]);
  }

  async list(filter: EvaluationFilter = {}): Promise<EvaluationRecord[]> {
    const rows = await sqlRows<Row>(this.client, 'list_evaluations', {
      rules: filter.rules ?? [],
      outcome: filter.outcome ?? '',
      from: chTime(filter.from ?? 0),
      to: chTime(filter.to ?? Date.UTC(2100, 0, 1)),
      limit: filter.limit ?? 100,
    });
    return rows.map((r) => ({
      rule: r.rule,
      windowStart: fromChTime(r.window_start),
      windowEnd: fromChTime(r.window_end),
      startedAt: fromChTime(r.started_at),
      durationMs: Number(r.duration_ms),
      attempt: Number(r.attempt),
      outcome: r.outcome === 'error' ? 'error' : 'ok',
      groupsEvaluated: Number(r.groups_evaluated),
      conditionsMet: Number(r.conditions_met),
      transitions: Number(r.transitions),
      openAlerts: Number(r.open_alerts),
      error: r.error,
      nearMisses: JSON.parse(r.near_misses || '[]') as EvaluationRecord['nearMisses'],
    }));
  }
}
