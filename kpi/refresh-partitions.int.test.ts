import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestWarehouse, type TestWarehouse } from '../test/helpers/test-warehouse.ts';
import { queryRows } from '../warehouse/client.ts';
import { enginePartitionLimit } from './partition-chunks.ts';
import { refreshKpiFacts } from './refresh.ts';
import { anOrder, aScan, insertRaw, seeded, step } from '../test/kpi/test-support.ts';

/**
 * Issue #21: a history import spread over more days than one insert may touch partitions
 * (max_partitions_per_insert_block) made every later refresh fail. The refresh now splits each
 * write by partitions; here the engine enforces the limit on every insert the refresh makes.
 */
let tw: TestWarehouse;
beforeAll(async () => {
  tw = await openTestWarehouse();
});
afterAll(async () => tw?.close());

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const BASE = Date.UTC(2025, 0, 1, 8);

/** Every derived table, as FINAL reads it, without the run-specific version columns. */
const DERIVED: Record<string, string> = {
  refund_facts: 'SELECT * EXCEPT (version, is_deleted) FROM refund_facts FINAL ORDER BY ALL',
  shipment_facts: 'SELECT * EXCEPT (version, is_deleted) FROM shipment_facts FINAL ORDER BY ALL',
  order_rollup: 'SELECT * EXCEPT (version, is_deleted) FROM order_rollup FINAL ORDER BY ALL',
  cohort_rollup: 'SELECT * EXCEPT (version, is_deleted) FROM cohort_rollup FINAL ORDER BY ALL',
  order_day_rollup: 'SELECT * EXCEPT (version, is_deleted) FROM order_day_rollup FINAL ORDER BY ALL',
  cohort_day_rollup: 'SELECT * EXCEPT (version, is_deleted) FROM cohort_day_rollup FINAL ORDER BY ALL',
  // value_sum is a float sum whose last bits depend on the order of summation.
  refund_level_rollup: 'SELECT * EXCEPT (version, is_deleted, value_sum), round(value_sum, 6) FROM refund_level_rollup FINAL ORDER BY ALL',
  shipment_level_rollup: 'SELECT * EXCEPT (version, is_deleted) FROM shipment_level_rollup FINAL ORDER BY ALL',
  return_levels: 'SELECT * EXCEPT (version, is_deleted) FROM return_levels FINAL ORDER BY ALL',
};
const WIPED = [...Object.keys(DERIVED), 'fact_keys', 'kpi_state', 'kpi_touched', 'kpi_refund_stage', 'kpi_shipment_stage', 'return_window_groups'];

async function dump(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, sql] of Object.entries(DERIVED)) out[table] = await queryRows(tw.warehouse.client, sql);
  return out;
}

describe('refresh over a history import', () => {
  it('110 created scans promised on 110 distinct days: the run succeeds, and so does the next', async () => {
    const limit = await enginePartitionLimit(tw.warehouse.client);
    expect(limit).toBeGreaterThan(0);
    const days = Math.max(110, limit + 10);
    const scans = Array.from({ length: days }, (_, i) =>
      aScan(`H${i}`, 'created', iso(BASE + i * DAY), { promised_at: iso(BASE + i * DAY + 2 * DAY) }),
    );
    await insertRaw(tw.warehouse, { scans });
    const first = await refreshKpiFacts(tw.warehouse);
    expect(first.shipments).toBe(days);
    expect(first.chunks.write_shipment_facts).toBeGreaterThan(1);
    const [due] = await queryRows<{ n: string; d: string }>(
      tw.warehouse.client,
      "SELECT count() AS n, uniqExact(toDate(ts)) AS d FROM shipment_facts FINAL WHERE kind = 'due' AND shipment_id LIKE 'H%'",
    );
    expect({ n: Number(due!.n), d: Number(due!.d) }).toEqual({ n: days, d: days });
    // The watermark moved, so the next run starts after the import instead of failing on it again.
    const second = await refreshKpiFacts(tw.warehouse);
    expect(second.full).toBe(false);
    expect(new Date(second.from).getTime()).toBeGreaterThan(new Date(first.from).getTime());
  });

  it('writes under a partition limit of 4 exactly what one unsplit run writes', async () => {
    const { rnd } = seeded(21);
    const orders = [];
    const refunds = [];
    const scans = [];
    // 300 orders on ten days a month apart, each with a shipment and some with refunds: dozens
    // of partition days and ten months on every derived table, so a limit of 4 splits them all.
    for (let i = 0; i < 300; i++) {
      const t = BASE + (i % 10) * 30 * DAY + Math.floor(rnd() * 20) * 3_600_000;
      const id = `P${i}`;
      const over = { shop_id: `S${i % 3}`, sku_id: `SKU${i % 7}`, host_id: `H${i % 4}`, live_session_id: `L${i % 9}`, category: i % 2 ? '服饰' : '美妆' };
      orders.push(anOrder(`O-${id}`, iso(t), over));
      scans.push(aScan(id, 'created', iso(t + 3_600_000), { promised_at: iso(t + 3 * DAY) }));
      if (rnd() < 0.7) scans.push(aScan(id, 'delivered', iso(t + Math.floor(rnd() * 5) * DAY + 7_200_000)));
      if (rnd() < 0.4) {
        refunds.push(step(id, 'requested', iso(t + 4 * DAY), over));
        if (rnd() < 0.6) refunds.push(step(id, 'approved', iso(t + 5 * DAY), over));
        if (rnd() < 0.3) refunds.push(step(id, 'refunded', iso(t + 9 * DAY), over));
        if (rnd() < 0.2) refunds.push(step(id, 'rated', iso(t + 10 * DAY), { ...over, csat: 1 + Math.floor(rnd() * 5) }));
      }
    }
    await insertRaw(tw.warehouse, { orders, refunds, scans });
    const split = await refreshKpiFacts(tw.warehouse, undefined, { partitionLimit: 4 });
    const steps = ['write_refund_facts', 'write_shipment_facts', 'cohort_rollup', 'cohort_day_rollup', 'cohort_levels', 'order_rollup',
      'order_day_rollup', 'order_levels', 'refund_level_rollup', 'shipment_level_rollup'];
    for (const name of steps) expect(split.chunks[name], name).toBeGreaterThan(1);
    // Late steps that move facts across days and months (re-promises, cancellations), split again.
    const lateScans = Array.from({ length: 40 }, (_, i) => aScan(`P${i}`, 'in_transit', iso(BASE + 280 * DAY), { promised_at: iso(BASE + i * 7 * DAY) }));
    const lateRefunds = refunds
      .filter((_, i) => i % 5 === 0)
      .map((r) => step(r.refund_id, 'cancelled', iso(BASE + 290 * DAY), { shop_id: r.shop_id, sku_id: r.sku_id, host_id: r.host_id, live_session_id: r.live_session_id, category: r.category }));
    await insertRaw(tw.warehouse, { scans: lateScans, refunds: lateRefunds });
    const again = await refreshKpiFacts(tw.warehouse, undefined, { partitionLimit: 4 });
    expect(again.full).toBe(false);
    expect(again.chunks.write_shipment_facts).toBeGreaterThan(1);
    const bySplitRuns = await dump();
    expect(bySplitRuns.shipment_facts?.length).toBeGreaterThan(300);

    // The same store recomputed from scratch in one unsplit run.
    for (const table of WIPED) await tw.warehouse.client.command({ query: `TRUNCATE TABLE ${table}` });
    const whole = await refreshKpiFacts(tw.warehouse, undefined, { partitionLimit: 10_000 });
    expect(whole.full).toBe(true);
    expect(whole.chunks).toEqual({});
    expect(await dump()).toEqual(bySplitRuns);
  }, 300_000);
});
