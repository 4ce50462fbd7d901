import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVINCES } from '../contracts/regions.ts';
import { openTestWarehouse, type TestWarehouse } from '../test/helpers/test-warehouse.ts';
import { order, scan } from '../test/helpers/fixtures.ts';
import { queryRows } from './client.ts';
import { migrate } from './migrate.ts';
import { listSqlFiles } from './sql-files.ts';

let tw: TestWarehouse;
beforeAll(async () => {
  tw = await openTestWarehouse(); // already migrated once
});
afterAll(async () => tw?.close());

describe('migrations', () => {
  it('a second run applies nothing and changes no table', async () => {
    const tablesBefore = await queryRows<{ name: string; create_table_query: string }>(
      tw.warehouse.client,
      'SELECT name, create_table_query FROM system.tables WHERE database = currentDatabase() ORDER BY name',
    );
    const again = await migrate(tw.warehouse.client);
    expect(again.applied).toEqual([]);
    expect(again.skipped).toEqual(listSqlFiles('migrations'));
    const tablesAfter = await queryRows(tw.warehouse.client, 'SELECT name, create_table_query FROM system.tables WHERE database = currentDatabase() ORDER BY name');
    expect(tablesAfter).toEqual(tablesBefore);
    expect(tablesBefore.map((t) => t.name)).toEqual(expect.arrayContaining(['orders', 'refund_events', 'transcript_segments', 'logistics_scans', 'dead_letters']));
    expect(await tw.count('schema_migrations')).toBe(listSqlFiles('migrations').length);
  });

  it('the warehouse maps every region spelling to the same GB/T 2260 code as contracts/regions.ts', async () => {
    const rows = PROVINCES.flatMap(([code, name, short]) =>
      [code, name, short].map((spelling, i) => ({ spelling, code, id: `${code}-${i}` })),
    );
    const body = rows.map((r) => JSON.stringify(order({ event_id: `reg-${r.id}`, region: r.spelling }))).join('\n');
    await tw.warehouse.client.command({ query: `INSERT INTO orders FORMAT JSONEachRow ${body}` });
    await tw.warehouse.client.command({
      query: `INSERT INTO logistics_scans FORMAT JSONEachRow ${rows.map((r) => JSON.stringify(scan({ event_id: `reg-${r.id}`, origin_region: r.spelling, dest_region: r.spelling }))).join('\n')}`,
    });
    const stored = await queryRows<{ event_id: string; region_code: string }>(
      tw.warehouse.client,
      "SELECT event_id, region_code FROM orders WHERE event_id LIKE 'reg-%'",
    );
    const expected = new Map(rows.map((r) => [`reg-${r.id}`, r.code]));
    expect(stored).toHaveLength(rows.length);
    for (const s of stored) expect(s.region_code).toBe(expected.get(s.event_id));
    const mismatched = await queryRows(
      tw.warehouse.client,
      "SELECT event_id FROM logistics_scans WHERE event_id LIKE 'reg-%' AND (origin_region_code != dest_region_code OR length(dest_region_code) != 6)",
    );
    expect(mismatched).toEqual([]);
  });
});
