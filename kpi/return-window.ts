import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from '../observability/logger.ts';
import { queryRows, type Warehouse } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';
import { cohortPlan, rolling7Days } from './cohort-plan.ts';
import type { FilterParams, Window } from './filters.ts';
import { REFRESH_STATE_NAME } from './freshness.ts';
import { runKpiQuery } from './query.ts';
import { floorMinute, fromChTime, toChHour, toChTime } from './time.ts';

/**
 * The precomputed return-rate groups of the default window (migration 0016). Every KPI refresh
 * run writes them for the window the API answers without `from` at the run's clock, and commits
 * them in the same kpi_state insert as its own watermark: a row under this name whose version is
 * the partition (gen) and whose watermark is the window's end. A reader uses them only when that
 * row's version equals the refresh row's (the last run that finished wrote both) and the window
 * is the one it asks for; anything else reads the rollups (sql/kpi/return_rates.sql).
 *
 * After a finished run the stored groups give what the rollups give (the baselines of a group
 * in several categories may differ in their last bits: the two reads add the same terms in
 * another order). While a run writes, or after one died midway, they are the last finished
 * run's answer, where the rollups may be half rewritten; the next finished run brings both
 * together again. Building them never fails a run: without them the rollups answer.
 */
export const RETURN_WINDOW_STATE_NAME = 'return_window';

/**
 * Partitions of runs older than this (by their gen, which is the writing run's version:
 * milliseconds × 10, kpi/refresh.ts) are dropped after a run commits, except the one committed
 * before it: a reader looks the gen up and reads it in a second query, and must still find it
 * if a run commits in between, however long ago the previous run was.
 */
const KEEP_GEN_MS = 10 * 60_000;

/** The window whose groups a run with this clock precomputes: the API's default at that clock. */
export function returnWindowAt(clock: Date): Window {
  return rolling7Days(floorMinute(clock));
}

/** A run's partition, ready to commit: its kpi_state row, and the gen committed before it. */
export interface BuiltReturnWindow {
  state: { name: string; watermark: string; version: number };
  previousGen: number | null;
}

/**
 * Writes partition `gen` (the run's version) for the window of `clock`. Null when that failed
 * (logged): the run then commits without it and the return-rate table reads the rollups.
 */
export async function writeReturnWindow(
  wh: Warehouse,
  run: (name: string, params: Record<string, unknown>) => Promise<void>,
  gen: number,
  clock: Date,
  log?: Logger,
): Promise<BuiltReturnWindow | null> {
  const w = returnWindowAt(clock);
  const { cur_days, hours } = cohortPlan(w, null);
  try {
    const previous = (await stateRows(wh)).find((r) => r.name === RETURN_WINDOW_STATE_NAME);
    await run('return_window', { gen, from: toChHour(w.from), to: toChHour(w.to), cur_days, hours });
    return {
      state: { name: RETURN_WINDOW_STATE_NAME, watermark: toChTime(w.to), version: gen },
      previousGen: previous ? Number(previous.version) : null,
    };
  } catch (err) {
    log?.warn({ err }, 'return-rate window not precomputed this run; the return-rate table reads the rollups until a run does');
    return null;
  }
}

/**
 * Drops the partitions of runs more than KEEP_GEN_MS older than `built`'s (committed), except
 * the one committed before it. A failure is logged, not thrown: the run's figures are committed,
 * and the next run drops what this one left.
 */
export async function dropOldReturnWindows(client: ClickHouseClient, built: BuiltReturnWindow, log?: Logger): Promise<void> {
  try {
    const parts = await queryRows<{ partition_id: string }>(client, loadSql('kpi/refresh/return_window_partitions'), {
      before: built.state.version - KEEP_GEN_MS * 10,
    });
    for (const { partition_id } of parts) {
      // Not a user value: a partition id of this table, which is its gen (digits only).
      if (!/^\d+$/.test(partition_id)) throw new Error(`return_window_groups: unexpected partition id ${partition_id}`);
      if (Number(partition_id) === built.previousGen) continue;
      await client.command({ query: `ALTER TABLE return_window_groups DROP PARTITION ID '${partition_id}'` });
    }
  } catch (err) {
    log?.warn({ err }, 'old return-rate window partitions not dropped; the next run tries again');
  }
}

/**
 * The stored partition holding `w`'s groups as of the last finished refresh run, or null (w is
 * not the stored window, or no finished run wrote it). `w` is a cohort window (whole hours).
 */
export async function returnWindowGen(wh: Warehouse, w: Window): Promise<number | null> {
  // Only a rolling 7-day window can be the stored one; others need not ask.
  const rolling = rolling7Days(w.to);
  if (rolling.from.getTime() !== w.from.getTime() || rolling.to.getTime() !== w.to.getTime()) return null;
  const stored = await storedReturnWindow(wh);
  return stored && stored.window.to.getTime() === w.to.getTime() ? stored.gen : null;
}

/** The partition and window the last finished refresh run committed, or null (none did). */
export async function storedReturnWindow(wh: Warehouse): Promise<{ gen: number; window: Window } | null> {
  const rows = await stateRows(wh);
  const refresh = rows.find((r) => r.name === REFRESH_STATE_NAME);
  const stored = rows.find((r) => r.name === RETURN_WINDOW_STATE_NAME);
  if (!refresh || !stored || stored.version !== refresh.version) return null;
  const to = fromChTime(stored.watermark);
  return { gen: Number(stored.version), window: rolling7Days(to) };
}

function stateRows(wh: Warehouse): Promise<{ name: string; version: string; watermark: string }[]> {
  return runKpiQuery(wh, 'kpi/return_window_state', { refresh: REFRESH_STATE_NAME, window: RETURN_WINDOW_STATE_NAME });
}

/** Which stored rows a request groups: a key's (key, category) rows, or the finest ones inside its filters. */
export function windowGrouping(by: string, filters: FilterParams): string {
  const narrowed = filters.shop_id !== null || filters.host_id !== null || filters.live_session_id !== null || filters.sku_id !== null;
  return narrowed ? 'row' : by;
}
