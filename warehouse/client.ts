import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createClient, type ClickHouseClient, type ClickHouseClientConfigOptions } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import type { Config } from '../config/config.ts';
import type { Logger } from '../observability/logger.ts';

export type { ClickHouseClient };

export interface Warehouse {
  client: ClickHouseClient;
  mode: 'embedded' | 'server';
  database: string;
  /** Human-readable location, for logs: a directory or a URL. */
  location: string;
  close(): Promise<void>;
}

/** Settings every insert of ours relies on: ISO-8601 timestamps with a zone. */
export const INSERT_SETTINGS = { date_time_input_format: 'best_effort' } as const;

/**
 * Opens the warehouse: a ClickHouse server when CLICKHOUSE_URL is set, otherwise the embedded
 * engine (chDB) over a data directory. Both are driven through @clickhouse/client so every
 * query and insert is the same code in both modes.
 */
export async function openWarehouse(
  config: Pick<Config, 'dataDir' | 'clickhouseUrl' | 'clickhouseUser' | 'clickhousePassword' | 'clickhouseDatabase'>,
  log?: Logger,
): Promise<Warehouse> {
  const database = config.clickhouseDatabase;
  if (config.clickhouseUrl) {
    const auth = { username: config.clickhouseUser, password: config.clickhousePassword };
    const bootstrap = createClient({ url: config.clickhouseUrl, ...auth });
    await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
    await bootstrap.close();
    const client = createClient({
      url: config.clickhouseUrl,
      ...auth,
      database,
      request_timeout: 120_000,
      clickhouse_settings: { ...INSERT_SETTINGS },
    });
    log?.info({ url: config.clickhouseUrl, database }, 'warehouse: ClickHouse server');
    return { client, mode: 'server', database, location: config.clickhouseUrl, close: () => client.close() };
  }

  const dir = resolve(config.dataDir, 'chdb');
  mkdirSync(dir, { recursive: true });
  // chDB binds one data directory per process; every role of this process shares this client.
  // chdb types its connection against its own copy of @clickhouse/client-common; the shapes are
  // the same contract (chdb tests against @clickhouse/client >= 1.23), only the declarations differ.
  const connection = createChdbConnection({ path: dir }) as unknown as ClickHouseClientConfigOptions['connection'];
  const client = createClient({ connection });
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
  // USE persists for the chDB session, which is this client's only session.
  await client.command({ query: `USE ${database}` });
  await client.command({ query: `SET date_time_input_format = 'best_effort'` });
  log?.info({ dir, database }, 'warehouse: embedded ClickHouse (chDB)');
  return { client, mode: 'embedded', database, location: dir, close: () => client.close() };
}

/** Runs a query with bound parameters and returns its rows. */
export async function queryRows<T>(
  client: ClickHouseClient,
  query: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  const rs = await client.query({ query, query_params: params, format: 'JSONEachRow' });
  return rs.json<T>();
}
