import { QUALITY_REASON_CODES } from '../contracts/refunds.ts';
import type { Logger } from '../observability/logger.ts';
import { queryRows, type Warehouse } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';
import { REFRESH_STATE_NAME } from './freshness.ts';
import { minuteRowsWrittenFrom } from './level-split.ts';
import { enginePartitionLimit, partitionDays, partitionRanges, type PartitionGrain, type PartitionSource } from './partition-chunks.ts';
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
 *
 * No insert touches more partitions than the engine allows in one block: each write into a
 * partitioned table runs once per range of its partitions (kpi/partition-chunks.ts), so a run
 * that folds in years of imported history succeeds like a tick. The other inserts write
 * unpartitioned work tables (kpi_touched, the stages, fact_keys, kpi_state), one partition
 * (return_window_groups: the run's generation) or unpartitioned snapshots (kpi/snapshot.ts).
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
  /** Inserts per write step, where a step had to be split by partitions (kpi/partition-chunks.ts). */
  chunks: Record<string, number>;
}

export interface RefreshOptions {
  /**
   * Most partitions one insert may touch; default the engine's max_partitions_per_insert_block.
   * Every write is also run with this as that setting, so the engine enforces what the split
   * promises (tests set it low to make the engine check every chunk).
   */
  partitionLimit?: number;
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

export async function refreshKpiFacts(warehouse: Warehouse, log?: Logger, options: RefreshOptions = {}): Promise<RefreshResult> {
  const started = performance.now();
  const client = warehouse.client;
  const steps: Record<string, number> = {};
  const chunks: Record<string, number> = {};
  const limit = options.partitionLimit ?? (await enginePartitionLimit(client));
  const settings = limit > 0 ? { ...SETTINGS, max_partitions_per_insert_block: String(limit) } : SETTINGS;
  const run = async (name: string, params: Record<string, unknown>, label = name) => {
    const t0 = performance.now();
    await client.command({ query: loadSql(`kpi/refresh/${name}`), query_params: params, clickhouse_settings: settings });
    steps[label] = (steps[label] ?? 0) + Math.round(performance.now() - t0);
  };
  // A write into partitioned tables: once per range of at most `limit` of the partitions it can
  // write (one range on a tick; several when a run folds in a history import).
  const write = async (name: string, params: Record<string, unknown>, source: PartitionSource, grain: PartitionGrain, label = name) => {
    const days = limit > 0 ? await partitionDays(client, source, { batch, version }) : [];
    const ranges = partitionRanges(days, grain, limit);
    if (ranges.length > 1) chunks[label] = ranges.length;
    for (const range of ranges) await run(name, { ...params, ...range }, label);
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
    await write('write_refund_facts', step, { of: 'fact_keys', entity: 'refund' }, 'day');
    // The rollups before keys_final: until it runs, these refunds' hash stays 0, so a run that
    // dies before the rollups are rewritten leaves them "changed" and the next run touches (and
    // recomputes) the same hours again. The daily cohort rollups are sums of the hourly ones and
    // the level rows (return_levels) sums of both, so each follows the one before.
    const cohorts = async () => {
      if (!(await touchedCounts(warehouse, batch)).cohort_hour) return;
      const touched: PartitionSource = { of: 'touched', entities: ['cohort_hour'] };
      await write('cohort_rollup', step, touched, 'day');
      await write('cohort_day_rollup', step, touched, 'month');
      await write('cohort_levels', step, touched, 'month');
    };
    // Hour rows of every touched hour, then minute rows of the recent ones only: the reads use
    // minute rows from MINUTE_ROWS_READ_DAYS back, and the first (full) run must not group the
    // whole store by minute in memory.
    const refundLevels = async () => {
      const hours = { ...step, minutes: 0, suffix: '', touched: 'refund_shop_hour', minutes_from: toChHour(0) };
      await write('refund_level_rollup', hours, { of: 'touched', entities: ['refund_shop_hour'] }, 'day');
      const minutes = { ...step, minutes: 1, suffix: ':minute', touched: 'refund_shop_minute', minutes_from: minutesFrom };
      await write('refund_level_rollup', minutes, { of: 'touched', entities: ['refund_shop_minute'] }, 'day', 'refund_level_minutes');
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
    // Every fact key of a touched shipment (old or new) is among its touched hours.
    await write('write_shipment_facts', step, { of: 'touched', entities: ['shipment_hour'] }, 'day');
    // Before keys_final: until then the next run still sees this run's shipments as changed
    // and recomputes the same hours and minutes, so a run that dies before its rollup is
    // redone. The full run goes level by level (every hour of the store: one level's groups in
    // memory at once).
    const levels = full ? LEVELS.map((l) => [l]) : [[...LEVELS]];
    const buckets: PartitionSource = { of: 'touched', entities: ['shipment_hour', 'shipment_minute'] };
    for (const l of levels) await write('shipment_level_rollup', { ...step, levels: l }, buckets, 'month');
    await run('keys_final_shipment', step);
  };
  await Promise.all([refunds(), shipments()]);

  const after = await touchedCounts(warehouse, batch);
  // The order hours come from the ingest window alone, which a failed run leaves for the next
  // one (the watermark has not moved), so these may run last.
  if (after.order_hour) {
    const touched: PartitionSource = { of: 'touched', entities: ['order_hour'] };
    await write('order_rollup', step, touched, 'day');
    await write('order_day_rollup', step, touched, 'month');
    await write('order_levels', step, touched, 'month');
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
    chunks,
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
