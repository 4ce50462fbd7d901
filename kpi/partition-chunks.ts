import type { ClickHouseClient } from '../warehouse/client.ts';
import { queryRows } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';

/**
 * Splitting the refresh's writes so that no INSERT touches more partitions than the engine
 * allows in one block (`max_partitions_per_insert_block`, 100 by default; above it the whole
 * insert fails with "Too many partitions for single INSERT block"). The fact tables and the
 * hourly rollups are partitioned by day, the daily and level rollups by month, so one run that
 * folds in a history import (a year of promised dates, months of orders) would otherwise fail,
 * and — the watermark not moving — so would every run after it.
 *
 * A write step is run once per chunk: its output rows are filtered to a range of partition
 * days [lo, hi) (as `toYYYYMMDD` numbers of the table's own partition column, so the filter
 * and the partition key agree on the zone). The ranges come from the partitions the step can
 * write — the distinct days (or months) of the run's touched hours / fact keys — cut every
 * `limit` partitions, and together they cover every day: a row outside the listed partitions
 * is still written by some chunk. A tick touches a few days, so it is one chunk, as before.
 */

export type PartitionGrain = 'day' | 'month';

export interface PartitionRange {
  /** toYYYYMMDD of the first day of the range (inclusive). */
  part_lo: number;
  /** toYYYYMMDD of the first day after the range (exclusive). */
  part_hi: number;
}

/** The whole calendar: the one range of a write that needs no split. */
export const ALL_PARTITIONS: PartitionRange = { part_lo: 0, part_hi: 99_999_999 };

/** Where a write step's partitions are read from (sql/kpi/refresh/partitions_*.sql). */
export type PartitionSource =
  | { of: 'touched'; entities: string[] }
  | { of: 'fact_keys'; entity: 'refund' | 'shipment' };

/**
 * Cuts the sorted distinct partition days (toYYYYMMDD numbers) into ranges of at most `limit`
 * partitions of the grain, covering every day. limit ≤ 0 means the engine sets no limit.
 */
export function partitionRanges(days: readonly number[], grain: PartitionGrain, limit: number): PartitionRange[] {
  const parts = [...new Set(days.map((d) => (grain === 'month' ? Math.floor(d / 100) * 100 + 1 : d)))].sort((a, b) => a - b);
  if (limit <= 0 || parts.length <= limit) return [ALL_PARTITIONS];
  const ranges: PartitionRange[] = [];
  for (let i = 0; i < parts.length; i += limit) {
    ranges.push({
      part_lo: i === 0 ? ALL_PARTITIONS.part_lo : parts[i]!,
      part_hi: i + limit >= parts.length ? ALL_PARTITIONS.part_hi : parts[i + limit]!,
    });
  }
  return ranges;
}

/** The partition days a write step of `batch` can write, from its source (see PartitionSource). */
export async function partitionDays(
  client: ClickHouseClient,
  source: PartitionSource,
  ids: { batch: number; version: number },
): Promise<number[]> {
  const rows =
    source.of === 'touched'
      ? await queryRows<{ day: number | string }>(client, loadSql('kpi/refresh/partitions_touched'), { batch: ids.batch, entities: source.entities })
      : await queryRows<{ day: number | string }>(client, loadSql('kpi/refresh/partitions_fact_keys'), { ...ids, entity: source.entity });
  return rows.map((r) => Number(r.day));
}

/**
 * The engine's limit for this session: `max_partitions_per_insert_block` (0 = no limit). Read
 * rather than assumed, so a server profile with another value is honoured.
 */
export async function enginePartitionLimit(client: ClickHouseClient): Promise<number> {
  const [row] = await queryRows<{ limit: number | string }>(client, loadSql('kpi/refresh/partition_limit'));
  return Number(row?.limit ?? 100);
}
