import type { Warehouse } from '../warehouse/client.ts';
import { contiguousStart, filterParams, type FilterParams, type KpiFilter, type Pair, type Scope, type Window } from './filters.ts';
import { count, numOrNull, ratio, type Num } from './numbers.ts';
import { cohortPlan, cohortWindow } from './cohort-plan.ts';
import { finestLevel } from './levels.ts';
import { paged, runPagedQuery, type Page, type Paged } from './query.ts';
import { runKpiRead, type KpiRead } from './read-batch.ts';
import { returnWindowGen, windowGrouping } from './return-window.ts';
import { ceilDay, floorDay, floorHour, toChHour } from './time.ts';

/**
 * How a day trend reads a window (sql/kpi/trend_returns.sql): its whole UTC days [d0, d1) from
 * the daily rollups, the hours [from, d0) and [d1, to) from the hourly ones (migration 0008).
 * Without a whole day inside, d0 = d1 = to and the hours cover it all. Return summaries and
 * rates read by cohortPlan (kpi/cohort-plan.ts), which also reads partly covered days whole.
 */
export function daySplit(w: Window): { d0: Date; d1: Date } {
  const d0 = ceilDay(w.from);
  const d1 = floorDay(w.to);
  return d0.getTime() < d1.getTime() ? { d0, d1 } : { d0: w.to, d1: w.to };
}

/** The cohort window of `w` as the rollup reads bind it (whole hours, days read whole, hours). */
export function cohortParams(w: Window) {
  const c = cohortWindow(w);
  const { cur_days, hours } = cohortPlan(c, null);
  return { from: toChHour(c.from), to: toChHour(c.to), cur_days, hours };
}

export interface ReturnSummary {
  orders: number;
  refunded_orders: number;
  quality_refunded_orders: number;
  return_rate: number | null;
  quality_return_rate: number | null;
}

export async function returnSummary(wh: Warehouse, w: Window, filter: KpiFilter, scope?: Scope): Promise<ReturnSummary> {
  return (await returnSummaryPair(wh, w, null, filter, scope)).current;
}

/**
 * The cohort of `w` and the one just before it (ending at w.from), in one read of the rollups:
 * the level rollups (migration 0012) unless a SKU filter is set (see finestLevel).
 */
export function returnSummaryPair(wh: Warehouse, w: Window, previous: Window | null, filter: KpiFilter, scope?: Scope): Promise<Pair<ReturnSummary>> {
  return runKpiRead(wh, returnSummaryPairRead(w, previous, filter, scope));
}

/** returnSummaryPair as a read not run yet (the overview batches it with its other reads). */
export function returnSummaryPairRead(w: Window, previous: Window | null, filter: KpiFilter, scope?: Scope): KpiRead<Pair<ReturnSummary>> {
  return summaryPairRead(w, previous, filterParams(filter, scope), true);
}

/**
 * The same answer from the daily rollups with every filter (sql/kpi/return_summary.sql): the
 * SKU path, and the reference the level read is tested and benchmarked against.
 */
export function returnSummaryPairFromRollups(
  wh: Warehouse,
  w: Window,
  previous: Window | null,
  filter: KpiFilter,
  scope?: Scope,
): Promise<Pair<ReturnSummary>> {
  return runKpiRead(wh, summaryPairRead(w, previous, filterParams(filter, scope), false));
}

function summaryPairRead(w: Window, previous: Window | null, filters: FilterParams, useLevels: boolean): KpiRead<Pair<ReturnSummary>> {
  const c = cohortWindow(w);
  const prevFrom = floorHour(contiguousStart(w, previous));
  const plan = cohortPlan(c, { from: prevFrom, to: c.from });
  const params = { from: toChHour(c.from), to: toChHour(c.to), prev_from: toChHour(prevFrom), ...plan, ...filters };
  const level = useLevels ? finestLevel(filters) : null;
  if (!level) {
    return {
      name: 'kpi/return_summary',
      params,
      decode: (rows) => ({ current: toSummary(rows.find((r) => Number(r.is_current) === 1)), previous: toSummary(rows.find((r) => Number(r.is_current) === 0)) }),
    };
  }
  return {
    name: 'kpi/return_summary_levels',
    params: { ...params, ...level, day_buckets: [...plan.cur_days, ...plan.prev_days].map((d) => `${d} 00:00:00`) },
    decode: ([r]) => ({
      current: toSummary(r),
      previous: toSummary(r && { orders: r.prev_orders, refunded_orders: r.prev_refunded_orders, quality_refunded_orders: r.prev_quality_refunded_orders }),
    }),
  };
}

function toSummary(r: Record<string, Num> | undefined): ReturnSummary {
  const orders = count(r?.orders);
  const refunded = count(r?.refunded_orders);
  const quality = count(r?.quality_refunded_orders);
  return {
    orders,
    refunded_orders: refunded,
    quality_refunded_orders: quality,
    return_rate: ratio(refunded, orders),
    quality_return_rate: ratio(quality, orders),
  };
}

export const RETURN_GROUP_BY = ['sku', 'host', 'session', 'category', 'shop'] as const;
export type ReturnGroupBy = (typeof RETURN_GROUP_BY)[number];
export const RETURN_SORTS = [
  'return_rate',
  'quality_return_rate',
  'orders',
  'refunded_orders',
  'quality_refunded_orders',
  'excess',
  'key',
] as const;

export interface ReturnRateRow {
  key: string;
  /** Product title of a SKU row (migration 0021), null when its orders carried none or not by SKU. */
  title: string | null;
  /** The group's category (for a host or session: the category with most orders). */
  category: string;
  orders: number;
  refunded_orders: number;
  quality_refunded_orders: number;
  return_rate: number | null;
  quality_return_rate: number | null;
  /** Rate expected from the group's category mix at category rates (see sql/kpi/return_rates.sql). */
  baseline_return_rate: number | null;
  baseline_quality_return_rate: number | null;
}

/**
 * What a return-rate table request asks for, besides its window. `search` keeps the rows whose key
 * or product title contains it (case-insensitive), before the total and the page.
 */
export type ReturnRatesAsk = [filter: KpiFilter, scope: Scope | undefined, by: ReturnGroupBy, page: Page, minOrders?: number, search?: string];

/** The precomputed groups when they hold this window (kpi/return-window.ts), else the rollups. */
export async function returnRates(wh: Warehouse, w: Window, ...ask: ReturnRatesAsk): Promise<Paged<ReturnRateRow>> {
  const gen = await returnWindowGen(wh, cohortWindow(w));
  return gen === null ? returnRatesFromRollups(wh, w, ...ask) : returnRatesFromWindow(wh, gen, ...ask);
}

/** The answer from the daily and hourly rollups (sql/kpi/return_rates.sql): any window. */
export function returnRatesFromRollups(wh: Warehouse, w: Window, ...[filter, scope, by, page, minOrders = 1, search = '']: ReturnRatesAsk): Promise<Paged<ReturnRateRow>> {
  return pagedRates(wh, 'kpi/return_rates', { ...cohortParams(w), ...filterParams(filter, scope), by, search }, page, minOrders);
}

/** The answer from the precomputed groups of partition `gen` (kpi/return-window.ts). */
export function returnRatesFromWindow(wh: Warehouse, gen: number, ...[filter, scope, by, page, minOrders = 1, search = '']: ReturnRatesAsk): Promise<Paged<ReturnRateRow>> {
  const filters = filterParams(filter, scope);
  return pagedRates(wh, 'kpi/return_rates_window', { gen, grouped_by: windowGrouping(by, filters), ...filters, by, search }, page, minOrders);
}

async function pagedRates(wh: Warehouse, name: string, params: Record<string, unknown>, page: Page, minOrders: number): Promise<Paged<ReturnRateRow>> {
  const { rows, total } = await runPagedQuery<Record<string, Num> & { key: string; title: string | null; category: string; total: Num }>(
    wh,
    name,
    { ...params, min_orders: Math.max(1, minOrders) },
    page,
  );
  return paged(
    page,
    total,
    rows.map((r) => ({
      key: r.key,
      title: r.title ?? null,
      category: r.category,
      orders: count(r.orders),
      refunded_orders: count(r.refunded_orders),
      quality_refunded_orders: count(r.quality_refunded_orders),
      return_rate: numOrNull(r.return_rate),
      quality_return_rate: numOrNull(r.quality_return_rate),
      baseline_return_rate: numOrNull(r.baseline_return_rate),
      baseline_quality_return_rate: numOrNull(r.baseline_quality_return_rate),
    })),
  );
}
