import type { Warehouse } from '../warehouse/client.ts';
import { contiguousStart, filterParams, type KpiFilter, type Pair, type Scope, type Window } from './filters.ts';
import { count, numOrNull, quantilePair, ratio, type Num } from './numbers.ts';
import { minuteLevel, minuteRowsFrom, NO_MINUTE_ROWS, splitRange } from './level-split.ts';
import { finestLevel } from './levels.ts';
import { paged, runKpiQuery, runPagedQuery, type Page, type Paged } from './query.ts';
import { runKpiRead, type KpiRead } from './read-batch.ts';
import { MINUTE_MS, fromChTime, toChHour, toChTime } from './time.ts';

/** Refund-flow KPIs of one window (definitions in sql/kpi/refund_summary.sql). */
export interface RefundSummary {
  requests: number;
  auto_approved: number;
  timeout_approved: number;
  cancelled_requests: number;
  automation_share: number | null;
  timeout_share: number | null;
  decided: number;
  rejected: number;
  rejection_rate: number | null;
  closed: number;
  closed_refunded: number;
  closed_rejected: number;
  closed_cancelled: number;
  success_rate: number | null;
  refunded: number;
  processing_time_mean_s: number | null;
  processing_time_p50_s: number | null;
  processing_time_p90_s: number | null;
  ratings: number;
  csat_mean: number | null;
  csat_share_4_5: number | null;
}

/** One group of sql/kpi/refund_summary.sql: a fact kind, its outcome and the cancelled flag. */
interface SummaryRow {
  is_current: Num;
  fact: string;
  result: string;
  cancelled: Num;
  n: Num;
  n_values: Num;
  value_sum: Num;
  n_4_5: Num;
  q: Num[];
}

export function windowParams(w: Window): { from: string; to: string } {
  return { from: toChTime(w.from), to: toChTime(w.to) };
}

export async function refundSummary(wh: Warehouse, w: Window, filter: KpiFilter, scope?: Scope): Promise<RefundSummary> {
  return (await refundSummaryPair(wh, w, null, filter, scope)).current;
}

/**
 * The summary of `w` and of `previous` (the window just before it, ending at w.from) in one
 * scan of the level rollup (and the facts at the edges). `now` decides which minute rows the
 * read may use (kpi/level-split.ts minuteRowsFrom); any value gives the same answer.
 */
export function refundSummaryPair(
  wh: Warehouse,
  w: Window,
  previous: Window | null,
  filter: KpiFilter,
  scope?: Scope,
  now: Date = new Date(),
): Promise<Pair<RefundSummary>> {
  return runKpiRead(wh, refundSummaryPairRead(w, previous, filter, scope, now));
}

/** refundSummaryPair as a read not run yet (the overview batches it with its other reads). */
export function refundSummaryPairRead(
  w: Window,
  previous: Window | null,
  filter: KpiFilter,
  scope?: Scope,
  now: Date = new Date(),
): KpiRead<Pair<RefundSummary>, SummaryRow> {
  const fp = filterParams(filter, scope);
  const level = finestLevel(fp);
  if (!level) return refundSummaryFactsRead(w, previous, filter, scope);
  const plan = summaryPlan(contiguousStart(w, previous), w.from, w.to, now);
  return {
    // Without fact ranges, the file without the facts part (its empty read cost ~4 ms).
    name: hasFactRanges(plan) ? 'kpi/refund_summary_levels' : 'kpi/refund_summary_rollup',
    params: { ...windowParams(w), ...plan, ...level, minute_level: minuteLevel(level.level), ...fp },
    decode: pair,
  };
}

/**
 * The same answer read from the facts alone (sql/kpi/refund_summary.sql): the path of SKU
 * filters, and the reference the level rollup is tested against.
 */
export function refundSummaryPairFromFacts(
  wh: Warehouse,
  w: Window,
  previous: Window | null,
  filter: KpiFilter,
  scope?: Scope,
): Promise<Pair<RefundSummary>> {
  return runKpiRead(wh, refundSummaryFactsRead(w, previous, filter, scope));
}

function refundSummaryFactsRead(w: Window, previous: Window | null, filter: KpiFilter, scope?: Scope): KpiRead<Pair<RefundSummary>, SummaryRow> {
  return {
    name: 'kpi/refund_summary',
    params: { ...windowParams(w), prev_from: toChTime(contiguousStart(w, previous)), ...filterParams(filter, scope) },
    decode: pair,
  };
}

function pair(rows: SummaryRow[]): Pair<RefundSummary> {
  return {
    current: toSummary(rows.filter((r) => Number(r.is_current) === 1)),
    previous: toSummary(rows.filter((r) => Number(r.is_current) === 0)),
  };
}

/**
 * How sql/kpi/refund_summary_levels.sql reads [prevFrom, to): each window ([prevFrom, from) and
 * [from, to)) split by splitRange into its whole hours from the hour rows ([p0, p1) and [c0, c1),
 * empty when p0 >= p1), the whole minutes around them from the minute rows (up to four ranges
 * m0..m3) and the rest from the facts (up to three ranges e0..e2: the previous
 * window's tail and the current one's head meet at `from`). Unused ranges are empty ([from,
 * from)), so the SQL has a fixed set of parameters. Minute rows are used only from
 * minuteRowsFrom(now); before that the facts stand in for them.
 *
 * Minute rows only when every end is a whole minute (the overview's default window): an end
 * with seconds needs the facts anyway, and on the benchmark store reading them cost the same
 * ~7 ms for sub-minute slivers as for whole partial hours (granules and FINAL, not rows), while
 * the minute rows around the slivers added ~3 ms. So such windows read their partial hours
 * from the facts, as before the minute rows.
 */
export function summaryPlan(prevFrom: Date, from: Date, to: Date, now: Date): Record<string, string> {
  const whole = [prevFrom, from, to].every((t) => t.getTime() % MINUTE_MS === 0);
  const minutesFrom = whole ? minuteRowsFrom(now) : NO_MINUTE_ROWS;
  const p = splitRange(prevFrom, from, minutesFrom);
  const c = splitRange(from, to, minutesFrom);
  const plan: Record<string, string> = { p0: toChHour(p.b), p1: toChHour(p.c), c0: toChHour(c.b), c1: toChHour(c.c) };
  const slots = (prefix: string, ranges: [Date, Date][], n: number, format: (d: Date) => string) => {
    const used = joined(ranges);
    if (used.length > n) throw new Error(`summaryPlan: ${used.length} ${prefix} ranges, room for ${n}`);
    for (let i = 0; i < n; i++) {
      const [a, b] = used[i] ?? [from, from];
      plan[`${prefix}${i}_from`] = format(a);
      plan[`${prefix}${i}_to`] = format(b);
    }
  };
  slots('m', [[p.a, p.b], [p.c, p.d], [c.a, c.b], [c.c, c.d]], 4, toChHour);
  slots('e', [[prevFrom, p.a], [p.d, from], [from, c.a], [c.d, to]], 3, toChTime);
  return plan;
}

/** Whether a summaryPlan reads any facts (e0..e2 not all empty). */
export function hasFactRanges(plan: Record<string, string>): boolean {
  return [0, 1, 2].some((i) => plan[`e${i}_from`]! < plan[`e${i}_to`]!);
}

/** The non-empty ranges, in order, those that meet merged into one. */
function joined(ranges: [Date, Date][]): [Date, Date][] {
  const out: [Date, Date][] = [];
  for (const [a, b] of ranges) {
    if (b.getTime() <= a.getTime()) continue;
    const last = out[out.length - 1];
    if (last && last[1].getTime() === a.getTime()) last[1] = b;
    else out.push([a, b]);
  }
  return out;
}

/** Adds up the groups of one window into the KPIs. */
function toSummary(rows: SummaryRow[]): RefundSummary {
  const sum = (fact: string, pick: (r: SummaryRow) => Num, where: (r: SummaryRow) => boolean = () => true) =>
    rows.filter((r) => r.fact === fact && where(r)).reduce((acc, r) => acc + count(pick(r)), 0);
  const n = (r: SummaryRow) => r.n;
  const live = (r: SummaryRow) => Number(r.cancelled) === 0;
  const requests = sum('request', n, live);
  const auto = sum('request', n, (r) => live(r) && r.result === 'auto_approved');
  const timeout = sum('request', n, (r) => live(r) && r.result === 'timeout_approved');
  const decided = sum('decision', n);
  const rejected = sum('decision', n, (r) => r.result === 'rejected');
  const closed = sum('close', n);
  const closedRefunded = sum('close', n, (r) => r.result === 'refunded');
  const timed = sum('refunded', (r) => r.n_values);
  const ratings = sum('rating', n);
  const [p50, p90] = quantilePair(rows.find((r) => r.fact === 'refunded')?.q, timed);
  return {
    requests,
    auto_approved: auto,
    timeout_approved: timeout,
    cancelled_requests: sum('request', n, (r) => !live(r)),
    automation_share: ratio(auto, requests),
    timeout_share: ratio(timeout, requests),
    decided,
    rejected,
    rejection_rate: ratio(rejected, decided),
    closed,
    closed_refunded: closedRefunded,
    closed_rejected: sum('close', n, (r) => r.result === 'rejected'),
    closed_cancelled: sum('close', n, (r) => r.result === 'cancelled'),
    success_rate: ratio(closedRefunded, closed),
    refunded: sum('refunded', n),
    processing_time_mean_s: ratio(sum('refunded', (r) => r.value_sum), timed),
    processing_time_p50_s: p50,
    processing_time_p90_s: p90,
    ratings,
    csat_mean: ratio(sum('rating', (r) => r.value_sum), ratings),
    csat_share_4_5: ratio(sum('rating', (r) => r.n_4_5), ratings),
  };
}

export const STAGES = ['decision', 'ship_back', 'transit', 'money_back'] as const;
export type Stage = (typeof STAGES)[number];

export interface StageStats {
  stage: Stage;
  /** Stages that ended in the window, and their durations in seconds. */
  completed: number;
  mean_s: number | null;
  p50_s: number | null;
  p90_s: number | null;
  max_s: number | null;
  /** Refunds waiting in this stage now, the longest wait, and how many wait past the SLA. */
  waiting: number;
  oldest_wait_s: number | null;
  waiting_over_sla: number;
}

export interface StagesAnswer {
  stages: StageStats[];
  /** The stage with the highest p90 among stages completed in the window (DESIGN §4). */
  bottleneck: Stage | null;
  sla_s: number;
  as_of: string;
}

export const DEFAULT_SLA_S = 48 * 3600;

export async function refundStages(
  wh: Warehouse,
  w: Window,
  filter: KpiFilter,
  scope?: Scope,
  opts: { now?: Date; slaSeconds?: number } = {},
): Promise<StagesAnswer> {
  const now = opts.now ?? new Date();
  const sla = opts.slaSeconds ?? DEFAULT_SLA_S;
  const fp = filterParams(filter, scope);
  const [done, waiting] = await Promise.all([
    runKpiQuery<{ stage: string; n: Num; mean_s: Num; q_s: Num[]; max_s: Num }>(wh, 'kpi/stages', { ...windowParams(w), ...fp }),
    runKpiQuery<{ stage: string; waiting: Num; oldest_since: string; over_sla: Num }>(wh, 'kpi/stage_waiting', {
      ...fp,
      now: toChTime(now),
      sla_s: sla,
    }),
  ]);
  const stages = STAGES.map((stage): StageStats => {
    const d = done.find((r) => r.stage === `stage_${stage}`);
    const q = waiting.find((r) => r.stage === stage);
    const n = count(d?.n);
    const [p50, p90] = quantilePair(d?.q_s, n);
    const since = q ? fromChTime(q.oldest_since).getTime() : NaN;
    return {
      stage,
      completed: n,
      mean_s: n ? numOrNull(d?.mean_s) : null,
      p50_s: p50,
      p90_s: p90,
      max_s: n ? numOrNull(d?.max_s) : null,
      waiting: count(q?.waiting),
      oldest_wait_s: Number.isFinite(since) ? Math.max(0, (now.getTime() - since) / 1000) : null,
      waiting_over_sla: count(q?.over_sla),
    };
  });
  let bottleneck: Stage | null = null;
  let worst = -1;
  for (const s of stages) {
    if (s.p90_s !== null && s.p90_s > worst) {
      worst = s.p90_s;
      bottleneck = s.stage;
    }
  }
  return { stages, bottleneck, sla_s: sla, as_of: now.toISOString() };
}

export const REASON_GROUP_BY = ['none', 'category', 'sku', 'host', 'shop', 'session'] as const;
export type ReasonGroupBy = (typeof REASON_GROUP_BY)[number];
export const REASON_SORTS = ['count', 'share', 'key', 'reason_code'] as const;

export interface ReasonRow {
  key: string;
  reason_code: string;
  count: number;
  share: number;
}

export async function reasonDistribution(
  wh: Warehouse,
  w: Window,
  filter: KpiFilter,
  scope: Scope | undefined,
  by: ReasonGroupBy,
  page: Page,
): Promise<Paged<ReasonRow>> {
  const { rows, total } = await runPagedQuery<{ key: string; reason_code: string; n: Num; share: Num; total: Num }>(
    wh,
    'kpi/reasons',
    { ...windowParams(w), ...filterParams(filter, scope), by },
    page,
  );
  return paged(
    page,
    total,
    rows.map((r) => ({ key: r.key, reason_code: r.reason_code, count: count(r.n), share: numOrNull(r.share) ?? 0 })),
  );
}

export interface CsatAnswer {
  ratings: number;
  mean: number | null;
  share_4_5: number | null;
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
}

export async function csat(wh: Warehouse, w: Window, filter: KpiFilter, scope?: Scope): Promise<CsatAnswer> {
  return (await csatPair(wh, w, null, filter, scope)).current;
}

/** CSAT of `w` and of `previous` (the window just before it, ending at w.from) in one scan. */
export async function csatPair(
  wh: Warehouse,
  w: Window,
  previous: Window | null,
  filter: KpiFilter,
  scope?: Scope,
): Promise<{ current: CsatAnswer; previous: CsatAnswer }> {
  const rows = await runKpiQuery<Record<string, Num>>(wh, 'kpi/csat', {
    ...windowParams(w),
    prev_from: toChTime(contiguousStart(w, previous)),
    ...filterParams(filter, scope),
  });
  return { current: toCsat(rows.find((r) => Number(r.is_current) === 1)), previous: toCsat(rows.find((r) => Number(r.is_current) === 0)) };
}

function toCsat(r: Record<string, Num> | undefined): CsatAnswer {
  const ratings = count(r?.ratings);
  return {
    ratings,
    mean: ratings ? numOrNull(r?.mean) : null,
    share_4_5: ratio(count(r?.score_4_5), ratings),
    distribution: {
      '1': count(r?.score_1),
      '2': count(r?.score_2),
      '3': count(r?.score_3),
      '4': count(r?.score_4),
      '5': count(r?.score_5),
    },
  };
}
