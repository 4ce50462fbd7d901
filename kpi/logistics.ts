import type { Warehouse } from '../warehouse/client.ts';
import { regionName } from '../contracts/regions.ts';
import { contiguousStart, filterParams, type KpiFilter, type Pair, type Scope, type Window } from './filters.ts';
import { count, numOrNull, ratio, type Num } from './numbers.ts';
import { paged, runPagedQuery, type Page, type Paged } from './query.ts';
import { runKpiRead, type KpiRead } from './read-batch.ts';
import { finestLevel } from './levels.ts';
import { minuteLevel, minuteRowsFrom, NO_MINUTE_ROWS } from './level-split.ts';
import { hasFactSlivers, rangeParams } from './logistics-levels.ts';
import { DAY_MS, floorHour, toChTime } from './time.ts';
import { rateVerdict, restBaseline, type RateVerdict } from '../stats/verdict.ts';

/**
 * Thresholds of DESIGN §4: stalled = no scan for 48 h; pickup overdue = not picked up 24 h after
 * created. The backlog counts look back to the start of the hour `backlogDays` before now (every
 * backlog read applies it so: toStartOfHour(now − backlog_days) in SQL), so the level read takes
 * that head from whole hour rows instead of the facts.
 */
export const LOGISTICS_DEFAULTS = { stallSeconds: 48 * 3600, pickupSeconds: 24 * 3600, backlogDays: 30 } as const;

export const DIRECTIONS = ['outbound', 'return'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const LOGISTICS_SORTS = ['delay_rate', 'due', 'delayed', 'stalled', 'pickup_overdue', 'region'] as const;

export interface LogisticsOptions {
  direction?: Direction;
  /** GB/T 2260 code of one destination region. */
  region?: string;
  now?: Date;
}

export interface LogisticsFigures {
  due: number;
  delayed: number;
  delay_rate: number | null;
  stalled: number;
  pickup_overdue: number;
}

export interface RegionRow extends LogisticsFigures {
  region_code: string;
  region_name: string;
  /** This region's delay rate ÷ the national one (null when either is undefined). */
  vs_national: number | null;
  /**
   * Is this region's delay rate high? The regional_shipping_delay rule's test (stats/verdict.ts)
   * on this row: k = delayed of n = due against the rest of the country (the national figures
   * of the same read, this region left out), with the rule's ratio, minimum due and alpha.
   */
  verdict: RateVerdict;
}

/** The test a region row is judged by: the regional_shipping_delay rule's parameters. */
export interface RegionVerdictTest {
  ratio: number;
  /** The rule's minDue. */
  minN: number;
  alpha: number;
}

/** The shipped rule's parameters (config/alerts.default.json), for reads without a rule config. */
export const DEFAULT_REGION_VERDICT: RegionVerdictTest = { ratio: 2, minN: 50, alpha: 0.01 };

/** The read's clock: now, and where due promises end (a promise in the future is not due yet). */
function clock(w: Window, o: LogisticsOptions): { now: Date; dueTo: Date } {
  const now = o.now ?? new Date();
  return { now, dueTo: w.to.getTime() < now.getTime() ? w.to : now };
}

function params(w: Window, filter: KpiFilter, scope: Scope | undefined, o: LogisticsOptions) {
  const { now, dueTo } = clock(w, o);
  return {
    from: toChTime(w.from),
    due_to: toChTime(dueTo),
    now: toChTime(now),
    direction: o.direction ?? 'outbound',
    stall_s: LOGISTICS_DEFAULTS.stallSeconds,
    pickup_s: LOGISTICS_DEFAULTS.pickupSeconds,
    backlog_days: LOGISTICS_DEFAULTS.backlogDays,
    region: o.region ?? null,
    ...filterParams(filter, scope),
  };
}

export async function logisticsNational(
  wh: Warehouse,
  w: Window,
  filter: KpiFilter,
  scope?: Scope,
  o: LogisticsOptions = {},
): Promise<LogisticsFigures> {
  return (await logisticsNationalPair(wh, w, null, filter, scope, o)).current;
}

/**
 * National figures of `w` and of the window just before it (ending at w.from), in one read.
 * Backlog figures (stalled, pickup overdue) describe now: the previous ones are 0 here, and the
 * overview takes them from snapshots instead.
 *
 * Whole hours come from shipment_level_rollup at the level of the finest filter; the rest of
 * each range from its minute rows when every range ends on a whole minute within their
 * retention (kpi/level-split.ts), else from the facts. A SKU filter reads the facts alone
 * (logisticsNationalPairFromFacts), levels carry no SKUs.
 */
export function logisticsNationalPair(
  wh: Warehouse,
  w: Window,
  previous: Window | null,
  filter: KpiFilter,
  scope?: Scope,
  o: LogisticsOptions = {},
): Promise<Pair<LogisticsFigures>> {
  return runKpiRead(wh, logisticsNationalPairRead(w, previous, filter, scope, o));
}

/** logisticsNationalPair as a read not run yet (the overview batches it with its other reads). */
export function logisticsNationalPairRead(
  w: Window,
  previous: Window | null,
  filter: KpiFilter,
  scope?: Scope,
  o: LogisticsOptions = {},
): KpiRead<Pair<LogisticsFigures>> {
  const prevFrom = contiguousStart(w, previous);
  const at = { ...o, now: o.now ?? new Date() }; // one clock for both parameter sets
  const base = { ...params(w, filter, scope, at), prev_from: toChTime(prevFrom) };
  const level = finestLevel(base);
  if (!level) return factsPairRead(w, previous, filter, scope, at);
  // From the rollup alone when every range ends on whole minutes within the minute rows'
  // retention; else hour rows and the facts (measured: minute rows only pay when they spare
  // the read its facts part, ~4 ms even when empty; see sql/kpi/logistics_national_levels.sql).
  const minutes = levelRanges(w, prevFrom, at, minuteRowsFrom(at.now));
  if (!hasFactSlivers(minutes, RANGES)) {
    return { name: 'kpi/logistics_national_levels_minutes', params: { ...base, ...level, minute_level: minuteLevel(level.level), ...minutes }, decode: pair };
  }
  return { name: 'kpi/logistics_national_levels', params: { ...base, ...level, ...levelRanges(w, prevFrom, at, NO_MINUTE_ROWS) }, decode: pair };
}

/**
 * logisticsNationalPair from the facts alone, every filter included: the read SKU filters
 * take, and the reference the rollup read is tested and benchmarked against.
 */
export function logisticsNationalPairFromFacts(
  wh: Warehouse,
  w: Window,
  previous: Window | null,
  filter: KpiFilter,
  scope?: Scope,
  o: LogisticsOptions = {},
): Promise<Pair<LogisticsFigures>> {
  return runKpiRead(wh, factsPairRead(w, previous, filter, scope, o));
}

function factsPairRead(w: Window, previous: Window | null, filter: KpiFilter, scope: Scope | undefined, o: LogisticsOptions): KpiRead<Pair<LogisticsFigures>> {
  return { name: 'kpi/logistics_national', params: { ...params(w, filter, scope, o), prev_from: toChTime(contiguousStart(w, previous)) }, decode: pair };
}

function pair(rows: Record<string, Num>[]): Pair<LogisticsFigures> {
  return { current: figures(rows.find((r) => Number(r.is_current) === 1)), previous: figures(rows.find((r) => Number(r.is_current) === 0)) };
}

/** The four time ranges of the level reads, by parameter prefix. */
const RANGES = ['dp', 'dc', 'op', 'pk'] as const;

/**
 * The four time ranges, each split into hour rows, minute rows from `minutesFrom` on and fact
 * slivers (kpi/logistics-levels.ts): the same ranges sql/kpi/logistics_national.sql reads.
 */
function levelRanges(w: Window, prevFrom: Date, o: LogisticsOptions, minutesFrom: Date): Record<string, string> {
  const { now, dueTo } = clock(w, o);
  const at = (msBeforeNow: number) => new Date(now.getTime() - msBeforeNow);
  const backlogFrom = floorHour(at(LOGISTICS_DEFAULTS.backlogDays * DAY_MS));
  const prevTo = dueTo.getTime() < w.from.getTime() ? dueTo : w.from;
  return {
    ...rangeParams(prevFrom, prevTo, minutesFrom, 'dp'),
    ...rangeParams(w.from, dueTo, minutesFrom, 'dc'),
    ...rangeParams(backlogFrom, at(LOGISTICS_DEFAULTS.stallSeconds * 1000), minutesFrom, 'op'),
    ...rangeParams(backlogFrom, at(LOGISTICS_DEFAULTS.pickupSeconds * 1000), minutesFrom, 'pk'),
  };
}

function figures(r: Record<string, Num> | undefined): LogisticsFigures {
  const due = count(r?.due);
  const delayed = count(r?.delayed);
  return { due, delayed, delay_rate: ratio(delayed, due), stalled: count(r?.stalled), pickup_overdue: count(r?.pickup_overdue) };
}

export async function logisticsRegions(
  wh: Warehouse,
  w: Window,
  filter: KpiFilter,
  scope: Scope | undefined,
  page: Page,
  o: LogisticsOptions = {},
  test: RegionVerdictTest = DEFAULT_REGION_VERDICT,
): Promise<{ national: LogisticsFigures; regions: Paged<RegionRow> }> {
  const { rows, total, first } = await runPagedQuery<Record<string, Num> & { region: string; total: Num }>(
    wh,
    'kpi/logistics_regions',
    params(w, filter, scope, o),
    page,
  );
  // The rows carry the sums over all regions (all_*): the national figures, unless one region
  // was asked for, when they have to be read on their own (past the last page, `first` is
  // page one's first row and carries them too).
  const national =
    o.region === undefined
      ? figures({ due: first?.all_due, delayed: first?.all_delayed, stalled: first?.all_stalled, pickup_overdue: first?.all_pickup_overdue })
      : await logisticsNational(wh, w, filter, scope, { ...o, region: undefined });
  const regions = rows.map((r): RegionRow => {
    const rate = numOrNull(r.delay_rate);
    const [due, delayed] = [count(r.due), count(r.delayed)];
    const baseline = restBaseline(national.delayed, national.due, delayed, due);
    return {
      region_code: r.region,
      region_name: regionName(r.region),
      due: count(r.due),
      delayed: count(r.delayed),
      delay_rate: rate,
      stalled: count(r.stalled),
      pickup_overdue: count(r.pickup_overdue),
      vs_national: rate !== null && national.delay_rate ? rate / national.delay_rate : null,
      verdict: rateVerdict({ k: delayed, n: due, baseline, ratio: test.ratio, minN: test.minN, alpha: test.alpha }),
    };
  });
  return { national, regions: paged(page, total, regions) };
}
