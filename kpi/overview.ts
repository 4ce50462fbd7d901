import type { Warehouse } from '../warehouse/client.ts';
import { previousWindow, type KpiFilter, type Scope, type Window } from './filters.ts';
import { logisticsNationalPairRead } from './logistics.ts';
import { count, numOrNull, type Num } from './numbers.ts';
import { runKpiReads, type KpiRead } from './read-batch.ts';
import { refundSummaryPairRead } from './refund-flow.ts';
import { rolling7Days } from './cohort-plan.ts';
import { returnSummaryPairRead } from './return-rates.ts';
import { REFRESH_STATE_NAME } from './freshness.ts';
import { floorMinute, isoOrNull, toChTime } from './time.ts';
import { snapshotScope, TrendRequestError } from './trends.ts';

export type TileUnit = 'count' | 'ratio' | 'seconds' | 'score';

/** One dashboard number with its comparison and the windows both cover (STYLE "what we take" 8). */
export interface Tile {
  key: string;
  unit: TileUnit;
  value: number | null;
  previous: number | null;
  numerator: number | null;
  denominator: number | null;
  window: { from: string; to: string };
  previous_window: { from: string; to: string } | null;
}

export interface Overview {
  window: { from: string; to: string };
  /** Raw events up to here are in the KPIs (the refresh watermark), null before the first run. */
  data_as_of: string | null;
  previous_window: { from: string; to: string };
  tiles: Tile[];
}

const iso = (w: Window) => ({ from: w.from.toISOString(), to: w.to.toISOString() });
/** How old a snapshot may be to stand for the backlog at a past moment. */
const SNAPSHOT_MAX_AGE_S = 15 * 60;

export async function overview(
  wh: Warehouse,
  w: Window,
  filter: KpiFilter,
  scope?: Scope,
  opts: { now?: Date } = {},
): Promise<Overview> {
  // The last whole minute, like the default window's end: the backlog ranges (now − 48 h, now −
  // 24 h) then end on whole minutes too, and the logistics read takes its rollup alone.
  const now = opts.now ?? floorMinute(new Date());
  const prev = previousWindow(w);
  const cohort = rolling7Days(w.to);
  const prevCohort = previousWindow(cohort);
  // Each read answers the window and the previous one at once: four reads, sent as one query,
  // for fifteen tiles and the data's freshness.
  const [refunds, returns, logistics, meta] = await runKpiReads(wh, [
    refundSummaryPairRead(w, prev, filter, scope, now),
    returnSummaryPairRead(cohort, prevCohort, filter, scope),
    logisticsNationalPairRead(w, prev, filter, scope, { now }),
    overviewMetaRead(w.from, filter, scope),
  ]);
  const before = meta.backlog;
  const { current: cur, previous: old } = refunds;
  const { current: ret, previous: oldRet } = returns;
  const { current: ship, previous: oldShip } = logistics;
  const tile = (
    key: string,
    unit: TileUnit,
    value: number | null,
    previous: number | null,
    numerator: number | null = null,
    denominator: number | null = null,
    windows: [Window, Window | null] = [w, prev],
  ): Tile => ({
    key,
    unit,
    value,
    previous,
    numerator,
    denominator,
    window: iso(windows[0]),
    previous_window: windows[1] ? iso(windows[1]) : null,
  });
  const backlogWindow: [Window, Window | null] = [{ from: now, to: now }, { from: w.from, to: w.from }];
  return {
    window: iso(w),
    data_as_of: meta.dataAsOf,
    previous_window: iso(prev),
    tiles: [
      tile('refund_requests', 'count', cur.requests, old.requests),
      tile('processing_time_mean_s', 'seconds', cur.processing_time_mean_s, old.processing_time_mean_s, null, cur.refunded),
      tile('processing_time_p50_s', 'seconds', cur.processing_time_p50_s, old.processing_time_p50_s, null, cur.refunded),
      tile('processing_time_p90_s', 'seconds', cur.processing_time_p90_s, old.processing_time_p90_s, null, cur.refunded),
      tile('rejection_rate', 'ratio', cur.rejection_rate, old.rejection_rate, cur.rejected, cur.decided),
      tile('success_rate', 'ratio', cur.success_rate, old.success_rate, cur.closed_refunded, cur.closed),
      tile('automation_share', 'ratio', cur.automation_share, old.automation_share, cur.auto_approved, cur.requests),
      tile('timeout_share', 'ratio', cur.timeout_share, old.timeout_share, cur.timeout_approved, cur.requests),
      tile('csat_mean', 'score', cur.csat_mean, old.csat_mean, null, cur.ratings),
      tile('csat_share_4_5', 'ratio', cur.csat_share_4_5, old.csat_share_4_5, null, cur.ratings),
      tile('return_rate_7d', 'ratio', ret.return_rate, oldRet.return_rate, ret.refunded_orders, ret.orders, [cohort, prevCohort]),
      tile('quality_return_rate_7d', 'ratio', ret.quality_return_rate, oldRet.quality_return_rate, ret.quality_refunded_orders, ret.orders, [
        cohort,
        prevCohort,
      ]),
      tile('delay_rate', 'ratio', ship.delay_rate, oldShip.delay_rate, ship.delayed, ship.due),
      tile('stalled_shipments', 'count', ship.stalled, before.stalled_shipments ?? null, null, null, backlogWindow),
      tile('pickup_overdue', 'count', ship.pickup_overdue, before.pickup_overdue ?? null, null, null, backlogWindow),
    ],
  };
}

interface Meta {
  dataAsOf: string | null;
  backlog: Record<string, number | null>;
}

/**
 * The data's freshness, and the backlog figures at a past moment from the snapshot taken then.
 * Those are absent when no snapshot is close enough or the filters are finer than what snapshots
 * keep (see snapshotScope).
 */
function overviewMetaRead(at: Date, filter: KpiFilter, scope?: Scope): KpiRead<Meta, { watermark: string; has_watermark: Num; backlog: Array<[string, Num]> }> {
  let s: { scope: string; scope_value: string };
  try {
    s = snapshotScope(filter, scope);
  } catch (err) {
    if (!(err instanceof TrendRequestError)) throw err;
    s = { scope: '', scope_value: '' }; // matches no snapshot
  }
  return {
    name: 'kpi/overview_meta',
    params: { name: REFRESH_STATE_NAME, metrics: ['stalled_shipments', 'pickup_overdue'], ...s, at: toChTime(at), max_age_s: SNAPSHOT_MAX_AGE_S },
    decode: ([row]) => ({
      dataAsOf: row && count(row.has_watermark) > 0 ? isoOrNull(row.watermark) : null,
      backlog: Object.fromEntries((row?.backlog ?? []).map(([name, v]) => [name, numOrNull(v)])),
    }),
  };
}
