import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWarehouse, queryRows, type Warehouse } from '../../warehouse/client.ts';
import { migrate } from '../../warehouse/migrate.ts';

export interface TestWarehouse {
  warehouse: Warehouse;
  dir: string;
  count(table: string, where?: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * A migrated embedded ClickHouse in a fresh temporary directory. chDB binds one directory per
 * process; vitest runs each test file in its own forked process, so one per file is safe.
 */
export async function openTestWarehouse(): Promise<TestWarehouse> {
  const dir = mkdtempSync(join(tmpdir(), 'radar-test-'));
  const warehouse = await openWarehouse({
    dataDir: dir,
    clickhouseUrl: process.env.TEST_CLICKHOUSE_URL,
    clickhouseUser: 'default',
    clickhousePassword: '',
    clickhouseDatabase: `radar_test_${process.pid}`,
  });
  await migrate(warehouse.client);
  return {
    warehouse,
    dir,
    async count(table, where = '1') {
      const rows = await queryRows<{ c: string }>(warehouse.client, `SELECT count() AS c FROM ${table} FINAL WHERE ${where}`);
      return Number(rows[0]?.c ?? 0);
    },
    async close() {
      await warehouse.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
