import { queryRows, type Warehouse } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';
import type { Num } from './numbers.ts';

/**
 * A KPI read not run yet: its query (`sql/<name>.sql`), its bound parameters, and how its rows
 * become the answer. Splitting the plan from the run lets an endpoint that needs several reads
 * send them as one query (runKpiReads).
 */
export interface KpiRead<T, R = Record<string, Num>> {
  name: string;
  params: Record<string, unknown>;
  /** Must not depend on the rows' order: in a batch they come in no set order. */
  decode(rows: R[]): T;
}

/** Runs one read. */
export async function runKpiRead<T, R>(wh: Warehouse, read: KpiRead<T, R>): Promise<T> {
  return read.decode(await queryRows<R>(wh.client, loadSql(read.name), read.params));
}

// A read of any answer type; `never` rows so that every KpiRead<T, R> fits.
type AnyRead = KpiRead<unknown, never>;
type Answers<Rs extends readonly AnyRead[]> = { -readonly [K in keyof Rs]: Rs[K] extends KpiRead<infer T, never> ? T : never };

/** A bound parameter's opening, `{name:` (comments' `{name}` have no colon). */
const PARAM = /\{([A-Za-z_][A-Za-z0-9_]*):/g;

/**
 * Several reads as ONE query, the answers in the reads' order. Why: the embedded engine runs
 * one query at a time, so reads sent together queue, each paying the fixed cost of a query;
 * as parts of one UNION ALL they run side by side on the engine's threads (the overview's four
 * reads: ~20 % faster, bench/query-profile.ts). Each part's parameters are renamed `r<i>_…`, so
 * parts may use the same names with different values; every value stays a bound parameter.
 */
export async function runKpiReads<const Rs extends readonly AnyRead[]>(wh: Warehouse, reads: Rs): Promise<Answers<Rs>> {
  const params: Record<string, unknown> = {};
  const template = loadSql('warehouse/batch_part');
  const parts = reads.map((read, i) => {
    const prefix = `r${i}_`;
    for (const [name, value] of Object.entries(read.params)) params[prefix + name] = value;
    const sql = loadSql(read.name).replace(PARAM, (_, name: string) => `{${prefix}${name}:`);
    return template.replace('{{part}}', String(i)).replace('{{read}}', () => sql);
  });
  const rows = await queryRows<{ part: Num; row: string }>(wh.client, parts.join('\nUNION ALL\n'), params);
  const byPart: unknown[][] = reads.map(() => []);
  for (const r of rows) byPart[Number(r.part)]!.push(JSON.parse(r.row));
  return reads.map((read, i) => read.decode(byPart[i] as never[])) as Answers<Rs>;
}
