import type { ClickHouseClient } from '../../warehouse/client.ts';

export { chTime, fromChTime, alertRows as sqlRows } from '../rules/rule-kit.ts';

let lastVersion = 0;

/**
 * Versions order the rows of the replacing tables: strictly increasing within a process and
 * close to wall time across processes (µs), so the latest write wins after a merge and FINAL.
 */
export function nextVersion(): number {
  lastVersion = Math.max(Date.now() * 1000, lastVersion + 1);
  return lastVersion;
}

export async function insertRows(client: ClickHouseClient, table: string, rows: object[]): Promise<void> {
  if (rows.length === 0) return;
  await client.insert({ table, values: rows, format: 'JSONEachRow' });
}

/** A nullable DateTime64 as returned in JSON → epoch ms or null. */
export function nullableTime(text: string | null): number | null {
  return text === null ? null : Date.parse(`${text.replace(' ', 'T')}Z`);
}

export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
