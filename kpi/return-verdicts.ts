import { groupTotals, matchedBaseline, type GroupTotals, type StratumCount } from '../stats/stratified.ts';
import { rateVerdict, type RateVerdict } from '../stats/verdict.ts';
import { filterParams, type KpiFilter, type Window } from './filters.ts';
import { count, type Num } from './numbers.ts';
import { runKpiQuery } from './query.ts';
import { cohortParams, type ReturnGroupBy, type ReturnRateRow, type ReturnRatesAsk } from './return-rates.ts';
import type { Warehouse } from '../warehouse/client.ts';

/**
 * “Is this return rate high?” for the return-rate tables, with the alert rule's own test
 * (stats/verdict.ts) and the rule's own numbers (ratio, minimum orders, alpha — read from the
 * effective rule config, so an admin's edit moves the table and the rule together).
 *
 * The baseline is the rule's: the rest of the row's category, matched by UTC day of order
 * (stats/stratified.ts) — each day of the row's orders against the rest of the category's
 * orders of that day, as high_return_sku compares a SKU, because a cohort's returns accumulate
 * for weeks. A host, shop or session selling in several categories is matched within each of
 * them; a category row against the rest of the platform. The category figures are those of
 * the window, the category filter and the caller's scope, but not of the shop / host / session
 * / SKU filters (they describe the category, not the selection).
 *
 * SKU, host, shop and category rows take high_return_sku's numbers; session rows take
 * session_refund_spike's, against the same category baseline (the rule itself compares with the
 * host's earlier sessions, which a return-rate row does not carry).
 */

export interface VerdictTest {
  /** The rule whose numbers these are. */
  rule: string;
  ratio: number;
  minOrders: number;
  alpha: number;
}

export type ReturnVerdict = RateVerdict & { rule: string; against: 'category' | 'platform' };
export type ReturnRateRowWithVerdict = ReturnRateRow & { verdict: ReturnVerdict };

export interface ReturnVerdictTests {
  sku: VerdictTest;
  session: VerdictTest;
}

interface StratumRow {
  key: string;
  category: string;
  day: string;
  orders: Num;
  refunded_orders: Num;
}

/** Orders and returns per (group of `by`, category, order day) of the window (sql/kpi/return_rate_strata.sql). */
async function strata(wh: Warehouse, w: Window, filter: KpiFilter, scope: ReturnRatesAsk[1], by: ReturnGroupBy, keys: readonly string[]): Promise<StratumCount[]> {
  const rows = await runKpiQuery<StratumRow>(wh, 'kpi/return_rate_strata', { ...cohortParams(w), ...filterParams(filter, scope), by, keys });
  return rows.map((r) => ({ member: r.key, group: r.category, stratum: r.day, n: count(r.orders), k: count(r.refunded_orders) }));
}

export async function withReturnVerdicts(
  wh: Warehouse,
  w: Window,
  filter: KpiFilter,
  scope: ReturnRatesAsk[1],
  by: ReturnGroupBy,
  rows: readonly ReturnRateRow[],
  tests: ReturnVerdictTests,
): Promise<ReturnRateRowWithVerdict[]> {
  if (rows.length === 0) return [];
  const categoryOnly: KpiFilter = filter.category !== undefined ? { category: filter.category } : {};
  const keys = rows.map((r) => r.key);
  const [categories, own] = await Promise.all([
    strata(wh, w, categoryOnly, scope, 'category', []),
    by === 'category' ? null : strata(wh, w, filter, scope, by, keys),
  ]);
  // A category row is judged within the platform (group ''), from the category's own totals.
  const asPlatform = (s: StratumCount): StratumCount => ({ ...s, group: '' });
  const totals: GroupTotals = groupTotals(by === 'category' ? categories.map(asPlatform) : categories);
  const ownOf = new Map<string, StratumCount[]>();
  for (const s of by === 'category' ? categories.map(asPlatform) : own ?? []) {
    const list = ownOf.get(s.member) ?? [];
    list.push(s);
    ownOf.set(s.member, list);
  }
  const test = by === 'session' ? tests.session : tests.sku;
  const against = by === 'category' ? 'platform' : 'category';
  return rows.map((row) => {
    const { baseline } = matchedBaseline(row.key, ownOf.get(row.key) ?? [], totals);
    const verdict = rateVerdict({ k: row.refunded_orders, n: row.orders, baseline, ratio: test.ratio, minN: test.minOrders, alpha: test.alpha });
    return { ...row, verdict: { ...verdict, rule: test.rule, against } };
  });
}
