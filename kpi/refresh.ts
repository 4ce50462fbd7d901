import { QUALITY_REASON_CODES } from '../contracts/refunds.ts';
import type { Logger } from '../observability/logger.ts';
import { queryRows, type Warehouse } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';
import { REFRESH_STATE_NAME } from './freshness.ts';
import { minuteRowsWrittenFrom } from './level-split.ts';
import { LEVELS } from './levels.ts';
import { dropOldReturnWindows, writeReturnWindow } from './return-window.ts';
import { DAY_MS, fromChTime, toChHour, toChTime } from './time.ts';

/**
 * The KPI refresh: recomputes the facts and rollups of everything that arrived since the last
 * run (sql/kpi/refresh/, the tables in sql/migrations/0004). Exact on replays and out-of-order
 * steps because every entity touched is recomputed from all of its raw rows.
 *
 * The watermark advances only after every step succeeded, so a failed run is simply redone by
 * the next one. Every step is idempotent (recompute + replace), so redoing is harmless.
 */
export interface RefreshResult {
  batch: number;
  /** Raw rows ingested after `from` and up to `to` were folded in. */
  from: string;
  to: string;
  full: boolean;
  refunds: number;
  shipments: number;
  orderHours: number;
  cohortHours: number;
  ms: number;
  /** Milliseconds per step, for finding what a slow run spent its time on. */
  steps: Record<string, number>;
}

/**
 * How far behind the previous watermark a run starts again. An insert in flight when the last
 * run read the clock has rows with an older _ingested_at that became visible only later; no
 * insert of ours takes a minute, so a minute of overlap catches them all.
 */
export const REFRESH_OVERLAP_MS = 60_000;
const STATE_NAME = REFRESH_STATE_NAME;

// The join default ('' for a missing order) is what the SQL tests for; a server profile with
// join_use_nulls = 1 would silently change that, so it is pinned here.
const SETTINGS = { join_use_nulls: 0 } as const;

let lastVersion = 0;

/** Versions order the replacing tables: strictly increasing per process, 2 apart (v and v + 1). */
function nextVersion(): number {
  lastVersion = Math.max(Date.now() * 10, lastVersion + 10);
  return lastVersion;
}

export async function refreshKpiFacts(warehouse: Warehouse, log?: Logger): Promise<RefreshResult> {
  const started = performance.now();
  const client = warehouse.client;
  const steps: Record<string, number> = {};
  const run = async (name: string, params: Record<string, unknown>, label = name) => {
    const t0 = performance.now();
    await client.command({ query: loadSql(`kpi/refresh/${name}`), query_params: params, clickhouse_settings: SETTINGS });
    steps[label] = (steps[label] ?? 0) + Math.round(performance.now() - t0);
  };

  const [mark] = await queryRows<{ watermark: string; has_watermark: string; now: string }>(
    client,
    loadSql('kpi/refresh/watermark'),
    { name: STATE_NAME },
  );
  if (!mark) throw new Error('refresh: watermark query returned nothing');
  const full = Number(mark.has_watermark) === 0;
  const lo = full ? '1970-01-01 00:00:00.000' : toChTime(new Date(fromChTime(mark.watermark).getTime() - REFRESH_OVERLAP_MS));
  const hi = mark.now;
  // Minute rows are written for recent hours only (kpi/level-split.ts), by the run's clock.
  const minutesFrom = toChHour(minuteRowsWrittenFrom(fromChTime(hi)));
  const version = nextVersion();
  const batch = version;
  const window = { batch, lo, hi };

  await Promise.all([
    run(full ? 'touch_all_refunds' : 'touch_refunds', window),
    run(full ? 'touch_all_shipments' : 'touch_shipments', window),
    run('touch_order_hours', window),
  ]);
  const counts = await touchedCounts(warehouse, batch);
  const step = { batch, version, quality_reasons: [...QUALITY_REASON_CODES] };

  const refunds = async () => {
    if (!counts.refund) return;
    await run('refund_stage', step);
    // On the first run nothing was written before, so nothing can be unchanged.
    if (!full) await run('unchanged_refunds', step);
    await run('keys_pending_refund', step);
    await Promise.all([run('touch_cohort_hours', step), run('touch_refund_hours', { ...step, minutes_from: minutesFrom })]);
    await run('write_refund_facts', step);
    // The rollups before keys_final: until it runs, these refunds' hash stays 0, so a run that
    // dies before the rollups are rewritten leaves them "changed" and the next run touches (and
    // recomputes) the same hours again. The daily cohort rollups are sums of the hourly ones and
    // the level rows (return_levels) sums of both, so each follows the one before.
    const cohorts = async () => {
      if (!(await touchedCounts(warehouse, batch)).cohort_hour) return;
      await run('cohort_rollup', step);
      await run('cohort_day_rollup', step);
      await run('cohort_levels', step);
    };
    // Hour rows of every touched hour, then minute rows of the recent ones only: the reads use
    // minute rows from MINUTE_ROWS_READ_DAYS back, and the first (full) run must not group the
    // whole store by minute in memory.
    const refundLevels = async () => {
      await run('refund_level_rollup', { ...step, minutes: 0, suffix: '', touched: 'refund_shop_hour', minutes_from: toChHour(0) });
      const minutes = { ...step, minutes: 1, suffix: ':minute', touched: 'refund_shop_minute', minutes_from: minutesFrom };
      await run('refund_level_rollup', minutes, 'refund_level_minutes');
    };
    await Promise.all([refundLevels(), cohorts()]);
    await run('keys_final_refund', step);
  };
  const shipments = async () => {
    if (!counts.shipment) return;
    await run('shipment_stage', step);
    if (!full) await run('unchanged_shipments', step);
    await run('keys_pending_shipment', step);
    await run('touch_shipment_hours', { ...step, minutes_from: minutesFrom });
    await run('write_shipment_facts', step);
    // Before keys_final: until then the next run still sees this run's shipments as changed
    // and recomputes the same hours and minutes, so a run that dies before its rollup is
    // redone. The full run goes level by level (every hour of the store: one level's groups in
    // memory at once).
    const levels = full ? LEVELS.map((l) => [l]) : [[...LEVELS]];
    for (const l of levels) await run('shipment_level_rollup', { ...step, levels: l });
    await run('keys_final_shipment', step);
  };
  await Promise.all([refunds(), shipments()]);

  const after = await touchedCounts(warehouse, batch);
  // The order hours come from the ingest window alone, which a failed run leaves for the next
  // one (the watermark has not moved), so these may run last.
  if (after.order_hour) {
    await run('order_rollup', step);
    await run('order_day_rollup', step);
    await run('order_levels', step);
  }

  // The default return-rate window's groups, from the rollups just written, committed in the
  // same insert (one block: both rows or neither) as the watermark (kpi/return-window.ts).
  const returnWindow = await writeReturnWindow(warehouse, run, version, fromChTime(hi), log);
  await client.insert({
    table: 'kpi_state',
    values: [...(returnWindow ? [returnWindow.state] : []), { name: STATE_NAME, watermark: hi, version }],
    format: 'JSONEachRow',
  });
  if (returnWindow) await dropOldReturnWindows(client, returnWindow, log);
  // After the watermark: the facts are complete without this step, which only makes reading
  // them cheaper. A failure fails the run (logged, counted) and the next run merges again.
  // return_levels is left to the background merges: level first (migration 0015), a summary
  // reads one range per part, so the parts that ticks leave cost it little (benchmark store:
  // 11.2 ms over 11 parts, 9.6 over 2), while its partitions are months (the 7-day summary
  // opens at most two), and merging a full one took 1.7 s.
  for (const day of recentDays(fromChTime(hi), MERGED_DAYS)) {
    await run('merge_refund_facts_day', { day });
    await run('merge_refund_level_rollup_day', { day });
  }
  const result: RefreshResult = {
    batch,
    from: fromChTime(lo).toISOString(),
    to: fromChTime(hi).toISOString(),
    full,
    refunds: counts.refund ?? 0,
    shipments: counts.shipment ?? 0,
    orderHours: after.order_hour ?? 0,
    cohortHours: after.cohort_hour ?? 0,
    ms: Math.round(performance.now() - started),
    steps,
  };
  log?.debug({ ...result }, 'kpi refresh done');
  return result;
}

/**
 * Days of refund_facts and of the refund level rollup the refresh job keeps merged into one
 * part each: today and the two before, which hold the overview's refund window (the last 24 h
 * and the 24 h before it).
 */
const MERGED_DAYS = 3;

/** The UTC dates (YYYY-MM-DD) of `at` and the `n - 1` days before it, oldest first. */
export function recentDays(at: Date, n: number): string[] {
  const today = Math.floor(at.getTime() / DAY_MS) * DAY_MS;
  return Array.from({ length: n }, (_, i) => new Date(today - (n - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

async function touchedCounts(warehouse: Warehouse, batch: number): Promise<Record<string, number>> {
  const rows = await queryRows<{ entity: string; n: string }>(warehouse.client, loadSql('kpi/refresh/touched_counts'), { batch });
  return Object.fromEntries(rows.map((r) => [r.entity, Number(r.n)]));
}
