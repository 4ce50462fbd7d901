import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from '../observability/logger.ts';
import { SQL_DIR, listSqlFiles, splitStatements } from './sql-files.ts';
import { queryRows } from './client.ts';

export interface MigrationResult {
  applied: string[];
  skipped: string[];
}

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;

/**
 * Forward-only numbered migrations from sql/migrations. Each applied file is recorded in
 * schema_migrations with its checksum, so running twice changes nothing. Statements use
 * IF NOT EXISTS, so a migration interrupted halfway can simply run again.
 */
export async function migrate(client: ClickHouseClient, log?: Logger): Promise<MigrationResult> {
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS schema_migrations
            (version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
            ENGINE = ReplacingMergeTree ORDER BY version`,
  });
  const done = new Map(
    (await queryRows<{ version: number; checksum: string }>(client, 'SELECT version, checksum FROM schema_migrations FINAL')).map(
      (r) => [r.version, r.checksum],
    ),
  );
  const result: MigrationResult = { applied: [], skipped: [] };
  for (const file of listSqlFiles('migrations')) {
    const m = MIGRATION_FILE.exec(file);
    if (!m) throw new Error(`sql/migrations/${file}: name must look like 0001_what_it_does.sql`);
    const version = Number(m[1]);
    const text = readFileSync(join(SQL_DIR, 'migrations', file), 'utf8');
    const checksum = createHash('sha256').update(text).digest('hex');
    const recorded = done.get(version);
    if (recorded !== undefined) {
      if (recorded !== checksum) {
        log?.warn({ file }, 'migration changed after it was applied; migrations are forward-only, add a new one instead');
      }
      result.skipped.push(file);
      continue;
    }
    for (const statement of splitStatements(text)) {
      await client.command({ query: statement });
    }
    await client.insert({
      table: 'schema_migrations',
      values: [{ version, name: file, checksum }],
      format: 'JSONEachRow',
    });
    // One line per file at debug; people reading `npm start` get the summary below.
    log?.debug({ file }, 'migration applied');
    result.applied.push(file);
  }
  if (result.applied.length > 0) {
    log?.info({ applied: result.applied.length, skipped: result.skipped.length, last: result.applied.at(-1) }, 'migrations applied');
  }
  return result;
}
