import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestWarehouse, type TestWarehouse } from '../test/helpers/test-warehouse.ts';
import { queryRows } from './client.ts';
import { migrate } from './migrate.ts';
import { SQL_DIR, splitStatements } from './sql-files.ts';

/**
 * Migration 0015 rebuilds return_levels with a level-first sort key. A store upgraded from 0012
 * must keep every row's answer (latest version per group, tombstoned groups absent), and a run
 * that died halfway must come out the same when migrate() runs it again.
 */

const FILE = '0015_return_levels_level_first.sql';
const statements = (file: string) => splitStatements(readFileSync(join(SQL_DIR, 'migrations', file), 'utf8'));

// Rows of two month partitions, with the histories the refresh job leaves: a group rewritten
// (two versions), a group tombstoned after its first write, and a backfilled row (version 1).
const ROWS = [
  { grain: 'hour', bucket: '2026-11-30 22:00:00', level: 'all', key: '', source: 'order', category: '美妆', shop_id: '', host_id: '', live_session_id: '', orders: 5, refunded_orders: 0, quality_refunded_orders: 0, version: 10, is_deleted: 0 },
  { grain: 'hour', bucket: '2026-11-30 22:00:00', level: 'all', key: '', source: 'order', category: '美妆', shop_id: '', host_id: '', live_session_id: '', orders: 7, refunded_orders: 0, quality_refunded_orders: 0, version: 21, is_deleted: 0 },
  { grain: 'day', bucket: '2026-12-01 00:00:00', level: 'host', key: 'H1', source: 'cohort', category: '服饰', shop_id: 'S1', host_id: 'H1', live_session_id: '', orders: 0, refunded_orders: 3, quality_refunded_orders: 1, version: 11, is_deleted: 0 },
  { grain: 'day', bucket: '2026-12-01 00:00:00', level: 'host', key: 'H1', source: 'cohort', category: '服饰', shop_id: 'S1', host_id: 'H1', live_session_id: '', orders: 0, refunded_orders: 3, quality_refunded_orders: 1, version: 30, is_deleted: 1 },
  { grain: 'hour', bucket: '2026-12-01 03:00:00', level: 'session', key: 'L1', source: 'order', category: '服饰', shop_id: 'S1', host_id: 'H1', live_session_id: 'L1', orders: 2, refunded_orders: 0, quality_refunded_orders: 0, version: 1, is_deleted: 0 },
  { grain: 'day', bucket: '2026-11-30 00:00:00', level: 'shop', key: 'S2', source: 'cohort', category: '数码', shop_id: 'S2', host_id: '', live_session_id: '', orders: 0, refunded_orders: 4, quality_refunded_orders: 2, version: 41, is_deleted: 0 },
];
const ANSWER = `
SELECT toString(grain) AS grain, toString(bucket) AS bucket, toString(level) AS level, key, toString(source) AS source,
       toString(category) AS category, toString(shop_id) AS shop_id, toString(host_id) AS host_id, live_session_id,
       orders, refunded_orders, quality_refunded_orders
FROM return_levels FINAL
ORDER BY ALL`;

let tw: TestWarehouse;
beforeAll(async () => {
  tw = await openTestWarehouse(); // migrated through 0015 and beyond
});
afterAll(async () => tw?.close());

/** Puts the store back where 0012 left it: the old table with ROWS in it, 0015 not recorded. */
async function storeAt0012(): Promise<void> {
  const client = tw.warehouse.client;
  await client.command({ query: 'DROP TABLE return_levels' });
  const [create] = statements('0012_return_level_rollups.sql');
  await client.command({ query: create! });
  // One insert per row: separate parts, as the job's writes leave them.
  for (const row of ROWS) await client.insert({ table: 'return_levels', values: [row], format: 'JSONEachRow' });
  await client.command({ query: 'DELETE FROM schema_migrations WHERE version = 15' });
}

async function sortingKey(): Promise<string> {
  const [t] = await queryRows<{ sorting_key: string; partition_key: string; engine_full: string }>(
    tw.warehouse.client,
    "SELECT sorting_key, partition_key, engine_full FROM system.tables WHERE database = currentDatabase() AND name = 'return_levels'",
  );
  expect(t?.partition_key).toBe('toYYYYMM(bucket)');
  expect(t?.engine_full).toContain('ReplacingMergeTree(version, is_deleted)');
  expect(t?.engine_full).toContain('index_granularity = 256');
  return t!.sorting_key;
}

const spareTables = async () =>
  queryRows(tw.warehouse.client, "SELECT name FROM system.tables WHERE database = currentDatabase() AND name = 'return_levels_0015'");

describe('migration 0015 (return_levels sorted level first)', () => {
  it('a fresh store gets the level-first key', async () => {
    expect(await sortingKey()).toBe('level, key, grain, bucket, source, category, shop_id, host_id, live_session_id');
  });

  it('a store migrated from 0012 keeps every row, merged, under the new key', async () => {
    await storeAt0012();
    expect(await sortingKey()).toMatch(/^grain, bucket, level, key/);
    const before = await queryRows(tw.warehouse.client, ANSWER);
    expect(before).toHaveLength(3); // the rewritten group once, the tombstoned one gone

    const result = await migrate(tw.warehouse.client);
    expect(result.applied).toEqual([FILE]);
    expect(await sortingKey()).toMatch(/^level, key, grain, bucket/);
    expect(await queryRows(tw.warehouse.client, ANSWER)).toEqual(before);
    expect(await spareTables()).toEqual([]);
  });

  it('a run that died after the swap comes out the same when it runs again', async () => {
    await storeAt0012();
    const before = await queryRows(tw.warehouse.client, ANSWER);
    const all = statements(FILE);
    const swap = all.findIndex((s) => s.startsWith('EXCHANGE TABLES'));
    expect(swap).toBeGreaterThan(0);
    for (const s of all.slice(0, swap + 1)) await tw.warehouse.client.command({ query: s });

    expect((await migrate(tw.warehouse.client)).applied).toEqual([FILE]);
    expect(await sortingKey()).toMatch(/^level, key, grain, bucket/);
    expect(await queryRows(tw.warehouse.client, ANSWER)).toEqual(before);
    expect(await spareTables()).toEqual([]);
  });
});
