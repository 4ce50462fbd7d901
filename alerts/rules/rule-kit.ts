import type { ClickHouseClient } from '../../warehouse/client.ts';
import { loadSql } from '../../warehouse/sql-files.ts';
import type { Evidence, GroupResult, Labels } from '../types.ts';

/** What a rule evaluator gets: the warehouse and the end of the window ("as of" time). */
export interface EvalContext {
  client: ClickHouseClient;
  at: number;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** A bound DateTime64(3, 'UTC') parameter. */
export function chTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** A DateTime64 value as returned in JSONEachRow (UTC, no zone) → epoch ms. */
export function fromChTime(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function pct(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

export function times(x: number): string {
  return Number.isFinite(x) ? `${x.toFixed(1)}×` : '∞×';
}

export function formatP(p: number): string {
  return p < 0.0001 ? p.toExponential(1) : p.toFixed(4);
}

/** A dashboard hash route with a query string (values URI-encoded). */
export function dashboardPath(page: string, query: Record<string, string | number>): string {
  const qs = Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `/#/${page}${qs ? `?${qs}` : ''}`;
}

/** An API path with a query string. */
export function apiPath(path: string, query: Record<string, string | number>): string {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * Builds a group result; `failed` lists the conditions that did not hold (empty = met), so the
 * evaluation history can say exactly why a near miss did not fire.
 */
export function group(subject: Labels, context: Labels, failed: string[], metWhy: string, score: number, evidence: Evidence): GroupResult {
  const met = failed.length === 0;
  return {
    subject,
    labels: { ...context, ...subject },
    met,
    why: met ? metWhy : failed.join('; '),
    score: Number.isFinite(score) ? score : 1e6,
    evidence,
  };
}

/**
 * Runs `sql/alerts/<name>.sql` with bound parameters. The LEFT JOINs there test the join
 * default ('' for no match); a server profile with join_use_nulls = 1 would silently change
 * that, so it is pinned here.
 */
export async function alertRows<T>(client: ClickHouseClient, name: string, params: Record<string, unknown>): Promise<T[]> {
  const rs = await client.query({
    query: loadSql(`alerts/${name}`),
    query_params: params,
    format: 'JSONEachRow',
    clickhouse_settings: { join_use_nulls: 0 },
  });
  return rs.json<T>();
}
