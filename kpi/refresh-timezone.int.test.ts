import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseClient } from '@clickhouse/client';
import { openTestWarehouse, type TestWarehouse } from '../test/helpers/test-warehouse.ts';
import { queryRows, type Warehouse } from '../warehouse/client.ts';
import { refreshKpiFacts } from './refresh.ts';
import { anOrder, insertRaw } from '../test/kpi/test-support.ts';

/**
 * The refresh reads its clock from the engine. On a server whose time zone is not UTC that clock
 * must still come back as UTC, as the watermark column and every time parameter are: printed in
 * local time it would put the watermark hours ahead, and the runs after it would skip what
 * arrives in those hours.
 */
const SHANGHAI = { session_timezone: 'Asia/Shanghai' } as const;

/** The warehouse, every query, command and insert in the Asia/Shanghai time zone. */
function inShanghai(wh: Warehouse): Warehouse {
  const c = wh.client;
  const withZone = <P extends { clickhouse_settings?: object }>(p: P): P => ({ ...p, clickhouse_settings: { ...p.clickhouse_settings, ...SHANGHAI } });
  const query: ClickHouseClient['query'] = (p) => c.query(withZone(p));
  const command: ClickHouseClient['command'] = (p) => c.command(withZone(p));
  const insert: ClickHouseClient['insert'] = (p) => c.insert(withZone(p));
  const overrides: Record<string | symbol, unknown> = { query, command, insert };
  return { ...wh, client: new Proxy(c, { get: (target, prop) => overrides[prop] ?? Reflect.get(target, prop, target) }) };
}

let tw: TestWarehouse;
beforeAll(async () => {
  tw = await openTestWarehouse();
});
afterAll(async () => tw?.close());

describe('the refresh on an engine in another time zone', () => {
  it('keeps its watermark in UTC and folds in what arrives after each run', async () => {
    const wh = inShanghai(tw.warehouse);
    const [zone] = await queryRows<{ z: string }>(wh.client, 'SELECT timezone() AS z');
    expect(zone!.z).toBe('Asia/Shanghai'); // the setting took: the engine's clock prints local time

    await insertRaw(tw.warehouse, { orders: [anOrder('TZ1', new Date(Date.now() - 60_000).toISOString())] });
    const first = await refreshKpiFacts(wh);
    expect(Math.abs(Date.parse(first.to) - Date.now())).toBeLessThan(120_000);

    await insertRaw(tw.warehouse, { orders: [anOrder('TZ2', new Date(Date.now() - 60_000).toISOString())] });
    await refreshKpiFacts(wh);
    const [folded] = await queryRows<{ n: string }>(tw.warehouse.client, 'SELECT toString(sum(orders)) AS n FROM order_rollup FINAL');
    expect(folded!.n).toBe('2');
  });
});
