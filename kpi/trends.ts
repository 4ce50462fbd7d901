import type { Warehouse } from '../warehouse/client.ts';
import { filterParams, type KpiFilter, type Scope, type Window } from './filters.ts';
import { count, numOrNull, quantilePair, ratio, type Num } from './numbers.ts';
import { runKpiQuery } from './query.ts';
import { cohortWindow } from './cohort-plan.ts';
import { daySplit } from './return-rates.ts';
import { DAY_MS, HOUR_MS, toChHour, toChTime } from './time.ts';


export const GRANULARITIES = ['minute', 'hour', 'day'] as const;
export type Granularity = (typeof GRANULARITIES)[number];
/** Day buckets start at midnight in one of these zones (both without daylight saving). */
export const TIMEZONES = { 'Asia/Shanghai': 8 * HOUR_MS, UTC: 0 } as const;
export type TimeZone = keyof typeof TIMEZONES;
export const MAX_POINTS = 1500;

type Row = Record<string, Num> & { processing_q_s?: Num[] };
type Family = 'refunds' | 'returns' | 'logistics' | 'snapshots';
interface MetricDef {
  family: Family;
  /** Refund-fact kinds the metric is computed from (refunds family only). */
  kinds?: string[];
  point(r: Row): { value: number | null; numerator: number | null; denominator: number | null };
}

const share = (num: string, den: string) => (r: Row) => {
  const n = count(r[num]);
  const d = count(r[den]);
  return { value: ratio(n, d), numerator: n, denominator: d };
};
const plain = (key: string, den?: string) => (r: Row) => {
  const d = den ? count(r[den]) : null;
  return { value: d === 0 ? null : numOrNull(r[key]), numerator: null, denominator: d };
};
const quantile = (i: 0 | 1) => (r: Row) => {
  const n = count(r.refunded);
  return { value: quantilePair(r.processing_q_s, n)[i], numerator: null, denominator: n };
};

/** Every metric a trend can show, and where its points come from. */
export const TREND_METRICS: Record<string, MetricDef> = {
  refund_requests: { family: 'refunds', kinds: ['request'], point: (r) => ({ value: count(r.requests), numerator: null, denominator: null }) },
  automation_share: { family: 'refunds', kinds: ['request'], point: share('auto_approved', 'requests') },
  timeout_share: { family: 'refunds', kinds: ['request'], point: share('timeout_approved', 'requests') },
  rejection_rate: { family: 'refunds', kinds: ['decision'], point: share('rejected', 'decided') },
  success_rate: { family: 'refunds', kinds: ['close'], point: share('closed_refunded', 'closed') },
  processing_time_mean_s: { family: 'refunds', kinds: ['refunded'], point: plain('processing_mean_s', 'refunded') },
  processing_time_p50_s: { family: 'refunds', kinds: ['refunded'], point: quantile(0) },
  processing_time_p90_s: { family: 'refunds', kinds: ['refunded'], point: quantile(1) },
  csat_mean: { family: 'refunds', kinds: ['rating'], point: plain('csat_mean', 'ratings') },
  csat_share_4_5: { family: 'refunds', kinds: ['rating'], point: share('csat_4_5', 'ratings') },
  return_rate: { family: 'returns', point: share('refunded_orders', 'orders') },
  quality_return_rate: { family: 'returns', point: share('quality_refunded_orders', 'orders') },
  delay_rate: { family: 'logistics', point: share('delayed', 'due') },
  stalled_shipments: { family: 'snapshots', point: (r) => ({ value: numOrNull(r.value), numerator: null, denominator: null }) },
  pickup_overdue: { family: 'snapshots', point: (r) => ({ value: numOrNull(r.value), numerator: null, denominator: null }) },
};
export const TREND_METRIC_NAMES = Object.keys(TREND_METRICS);

export interface TrendPoint {
  bucket: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** A request the trend cannot answer; `field` names the parameter at fault. */
export class TrendRequestError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const STEP: Record<Granularity, number> = { minute: 60_000, hour: HOUR_MS, day: DAY_MS };

/** Bucket starts covering [from, to), so empty buckets show as zero / null instead of missing. */
export function bucketStarts(w: Window, g: Granularity, tz: TimeZone): number[] {
  const offset = g === 'day' ? TIMEZONES[tz] : 0;
  const step = STEP[g];
  const first = Math.floor((w.from.getTime() + offset) / step) * step - offset;
  const out: number[] = [];
  for (let t = first; t < w.to.getTime(); t += step) out.push(t);
  return out;
}

export async function trend(
  wh: Warehouse,
  metric: string,
  w: Window,
  g: Granularity,
  tz: TimeZone,
  filter: KpiFilter,
  scope?: Scope,
): Promise<{ window: Window; points: TrendPoint[] }> {
  const def = TREND_METRICS[metric];
  if (!def) throw new TrendRequestError('metric', `unknown metric; metrics are: ${TREND_METRIC_NAMES.join(', ')}`);
  const window = def.family === 'returns' ? cohortWindow(w) : w;
  if (def.family === 'returns' && g === 'minute') {
    throw new TrendRequestError('granularity', 'return rates are kept per order hour; use hour or day');
  }
  const starts = bucketStarts(window, g, tz);
  if (starts.length > MAX_POINTS) {
    throw new TrendRequestError('granularity', `${starts.length} ${g} buckets in this range; at most ${MAX_POINTS}, choose a coarser granularity`);
  }
  const rows = await familyRows(wh, def, metric, window, g, tz, filter, scope);
  const byBucket = new Map(rows.map((r) => [count(r.bucket) * 1000, r]));
  const points = starts.map((t) => {
    const r = byBucket.get(t);
    const p = r ? def.point(r) : def.family === 'snapshots' ? { value: null, numerator: null, denominator: null } : def.point({});
    return { bucket: new Date(t).toISOString(), ...p };
  });
  return { window, points };
}

async function familyRows(
  wh: Warehouse,
  def: MetricDef,
  metric: string,
  w: Window,
  g: Granularity,
  tz: TimeZone,
  filter: KpiFilter,
  scope?: Scope,
): Promise<Row[]> {
  const base = { granularity: g, tz, from: toChTime(w.from), to: toChTime(w.to) };
  switch (def.family) {
    case 'refunds':
      return runKpiQuery<Row>(wh, 'kpi/trend_refunds', { ...base, kinds: def.kinds ?? [], ...filterParams(filter, scope) });
    case 'returns':
      return runKpiQuery<Row>(wh, 'kpi/trend_returns', { ...base, ...returnDayParams(w, g, tz), ...filterParams(filter, scope) });
    case 'logistics':
      return runKpiQuery<Row>(wh, 'kpi/trend_logistics', { ...base, direction: 'outbound', ...filterParams(filter, scope) });
    case 'snapshots': {
      const s = snapshotScope(filter, scope);
      return runKpiQuery<Row>(wh, 'kpi/trend_snapshots', { ...base, metric, ...s });
    }
  }
}

/**
 * Snapshots are kept for the platform and per category only. A filter or a scope finer than
 * one category cannot be answered from them.
 */
export function snapshotScope(filter: KpiFilter, scope?: Scope): { scope: string; scope_value: string } {
  for (const field of ['shop_id', 'host_id', 'live_session_id', 'sku_id'] as const) {
    if (filter[field] !== undefined) {
      throw new TrendRequestError(field, `backlog history is kept per platform and per category; ${field} cannot filter it`);
    }
  }
  if (scope?.host_id !== undefined) {
    throw new TrendRequestError('metric', 'backlog history is kept per platform and per category, not per host');
  }
  const cats = filterParams(filter, scope).categories;
  if (cats.length === 0) return { scope: 'all', scope_value: '' };
  if (cats.length === 1) return { scope: 'category', scope_value: cats[0]! };
  throw new TrendRequestError('category', 'backlog history of several categories at once is not kept; choose one category');
}

/**
 * How sql/kpi/trend_returns.sql reads a (whole-hour) window: day buckets take its whole UTC
 * days [d0, d1) from the daily rollups, and the hours of those days that belong to the next
 * bucket in `tz` (moved_hours) hourly; hour buckets read every hour (d0 = d1 = to).
 */
export function returnDayParams(w: Window, g: Granularity, tz: TimeZone): { from: string; to: string; d0: string; d1: string; moved_hours: string[] } {
  const { d0, d1 } = g === 'day' ? daySplit(w) : { d0: w.to, d1: w.to };
  const offset = TIMEZONES[tz];
  const bucketOf = (t: number) => Math.floor((t + offset) / DAY_MS) * DAY_MS - offset;
  const moved: string[] = [];
  for (let day = d0.getTime(); day < d1.getTime(); day += DAY_MS) {
    for (let h = day; h < day + DAY_MS; h += HOUR_MS) if (bucketOf(h) !== bucketOf(day)) moved.push(toChHour(h));
  }
  return { from: toChHour(w.from.getTime()), to: toChHour(w.to.getTime()), d0: toChHour(d0.getTime()), d1: toChHour(d1.getTime()), moved_hours: moved };
}
