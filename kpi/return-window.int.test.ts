import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderEvent, RefundEvent } from '../contracts/index.ts';
import { openTestWarehouse, type TestWarehouse } from '../test/helpers/test-warehouse.ts';
import { queryRows } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';
import { rolling7Days } from './cohort-plan.ts';
import { NOTHING, type KpiFilter, type Scope, type Window } from './filters.ts';
import type { Page } from './query.ts';
import { refreshKpiFacts } from './refresh.ts';
import { RETURN_GROUP_BY, RETURN_SORTS, returnRates, returnRatesFromRollups } from './return-rates.ts';
import { RETURN_WINDOW_STATE_NAME, dropOldReturnWindows, returnWindowGen, storedReturnWindow } from './return-window.ts';
import { anOrder, failingCommands, insertRaw, seeded, step } from '../test/kpi/test-support.ts';
import { DAY_MS, HOUR_MS, toChTime } from './time.ts';

/**
 * The default window's precomputed return-rate groups (migration 0016) must give exactly the
 * answer of the rollup read (sql/kpi/return_rates.sql) for every grouping, filter, scope, sort
 * and page, be used only while the last finished refresh run wrote them for the window asked
 * for, and follow every run. The fixture lies around the real clock: a run precomputes the
 * window of its own clock.
 */

// Seeded, so a failure reproduces.
const { rnd, pick } = seeded(20261202);

const CATEGORIES = ['服饰', '美妆', '数码'] as const;
const HOSTS = [
  { host_id: 'H1', shop_id: 'S1', sessions: ['L1', 'L2'] },
  { host_id: 'H2', shop_id: 'S1', sessions: ['L3'] },
  { host_id: 'H3', shop_id: 'S2', sessions: ['L4', 'L5'] },
] as const;
const NOW = Date.now();

let tw: TestWarehouse;
let n = 0;
/** An order in the 9 days before now (so some fall before the 7-day window), with a refund for about half. */
function orderWithRefund(): { order: OrderEvent; refunds: RefundEvent[] } {
  const h = pick(HOSTS);
  const category = pick(CATEGORIES);
  const at = new Date(NOW - Math.floor(rnd() * 9 * DAY_MS)).toISOString();
  const order = anOrder(`O${++n}`, at, { shop_id: h.shop_id, host_id: h.host_id, live_session_id: pick(h.sessions), category, sku_id: `SKU-${category}-${Math.floor(rnd() * 4)}` });
  if (rnd() < 0.5) return { order, refunds: [] };
  const attrs = { order_id: order.order_id, shop_id: order.shop_id, host_id: order.host_id, live_session_id: order.live_session_id, category, sku_id: order.sku_id };
  const t = new Date(Date.parse(at) + HOUR_MS).toISOString();
  const refunds = [step(`R${n}`, 'requested', t, { ...attrs, reason_code: pick(['quality', 'size_fit', 'changed_mind'] as const) })];
  if (rnd() < 0.2) refunds.push(step(`R${n}`, 'cancelled', new Date(Date.parse(t) + 60_000).toISOString(), { ...attrs, reason_code: 'quality' }));
  return { order, refunds };
}
async function ingest(count: number): Promise<void> {
  const batch = Array.from({ length: count }, orderWithRefund);
  await insertRaw(tw.warehouse, { orders: batch.map((b) => b.order), refunds: batch.flatMap((b) => b.refunds) });
}

const FILTERS: { filter: KpiFilter; scope?: Scope }[] = [
  { filter: {} },
  { filter: { shop_id: 'S1' } },
  { filter: { category: '美妆' } },
  { filter: { host_id: 'H3' } },
  { filter: { live_session_id: 'L1' } },
  { filter: { sku_id: 'SKU-服饰-1' } },
  { filter: { shop_id: 'S2', host_id: 'H1' } }, // host of another shop: nothing
  { filter: { host_id: 'H1', category: '服饰' } },
  { filter: {}, scope: { categories: ['美妆', '服饰'] } },
  { filter: { category: '数码' }, scope: { categories: ['美妆'] } }, // outside the scope
  { filter: {}, scope: { host_id: 'H2' } },
  { filter: { host_id: 'H1' }, scope: { host_id: NOTHING } },
  // Injection attempts are values like any other: nothing matches, nothing runs.
  { filter: { shop_id: "S1' OR '1'='1" } },
  { filter: { category: "服饰'); DROP TABLE return_window_groups; --" } },
];

/** Equal, but for the baselines' last bits (sums of products in another order). */
function expectSameRates(a: Awaited<ReturnType<typeof returnRates>>, b: typeof a, what: string): void {
  const round = (x: typeof a) => ({
    ...x,
    rows: x.rows.map((r) => ({
      ...r,
      baseline_return_rate: r.baseline_return_rate === null ? null : Number(r.baseline_return_rate.toFixed(12)),
      baseline_quality_return_rate: r.baseline_quality_return_rate === null ? null : Number(r.baseline_quality_return_rate.toFixed(12)),
    })),
  });
  expect(round(a), what).toEqual(round(b));
}

/** Every grouping × filter, sorts and pages rotating; returns how many answers had rows. */
async function expectAgreement(w: Window, when: string): Promise<number> {
  let nonEmpty = 0;
  let i = 0;
  for (const by of RETURN_GROUP_BY) {
    for (const { filter, scope } of FILTERS) {
      i++;
      const page: Page = { limit: [50, 2, 3][i % 3]!, offset: [0, 0, 2, 40][i % 4]!, sort: RETURN_SORTS[i % RETURN_SORTS.length]!, desc: i % 2 === 0 };
      const minOrders = i % 5 === 0 ? 2 : 1;
      const fast = await returnRates(tw.warehouse, w, filter, scope, by, page, minOrders);
      const slow = await returnRatesFromRollups(tw.warehouse, w, filter, scope, by, page, minOrders);
      expectSameRates(fast, slow, `${when}: ${JSON.stringify({ by, filter, scope, page, minOrders })}`);
      if (fast.rows.length > 0) nonEmpty++;
    }
  }
  return nonEmpty;
}

/** The window the last run stored, which this test's reads must then take from the stored groups. */
async function stored(): Promise<{ gen: number; window: Window }> {
  const s = await storedReturnWindow(tw.warehouse);
  expect(s).not.toBeNull();
  expect(await returnWindowGen(tw.warehouse, s!.window)).toBe(s!.gen);
  return s!;
}

const gens = async () =>
  (await queryRows<{ g: string }>(tw.warehouse.client, 'SELECT DISTINCT toString(gen) AS g FROM return_window_groups')).map((r) => Number(r.g));

beforeAll(async () => {
  tw = await openTestWarehouse();
});
afterAll(async () => tw?.close());

describe('the default return-rate window, precomputed', () => {
  it('answers as the rollups do, for every grouping, filter, scope, sort and page, run after run', async () => {
    expect(await storedReturnWindow(tw.warehouse)).toBeNull(); // before any run
    await ingest(150);
    await refreshKpiFacts(tw.warehouse);
    const first = await stored();
    // The window of the run's clock: 7 days, ending on a whole hour within an hour of now.
    expect(first.window).toEqual(rolling7Days(new Date(first.window.to.getTime() - 1)));
    expect(Math.abs(first.window.to.getTime() - NOW)).toBeLessThanOrEqual(2 * HOUR_MS);
    const storedRows = () => queryRows<{ n: string }>(tw.warehouse.client, 'SELECT toString(count()) AS n FROM return_window_groups');
    const before = await storedRows();
    expect(await expectAgreement(first.window, 'first run')).toBeGreaterThan(20);
    expect(await storedRows()).toEqual(before);

    // A later run (new orders, their refunds and cancellations) commits its own partition.
    await ingest(60);
    await refreshKpiFacts(tw.warehouse);
    const second = await stored();
    expect(second.gen).toBeGreaterThan(first.gen);
    await expectAgreement(second.window, 'second run');
    // Data moves the answer: the first partition (still kept) no longer matches the rollups.
    const unfiltered = (gen: number) =>
      queryRows<{ o: string }>(tw.warehouse.client, "SELECT toString(sum(orders)) AS o FROM return_window_groups WHERE gen = {gen:UInt64} AND grouped_by = 'sku'", { gen });
    expect(await unfiltered(first.gen)).not.toEqual(await unfiltered(second.gen));
  });

  it('is not used for another window, nor when the last run did not finish writing it', async () => {
    await ingest(20);
    await refreshKpiFacts(tw.warehouse);
    const s = await stored();
    const later = rolling7Days(new Date(s.window.to.getTime() + 1));
    expect(await returnWindowGen(tw.warehouse, later)).toBeNull();
    expect(await returnWindowGen(tw.warehouse, { from: new Date(s.window.from.getTime() - HOUR_MS), to: s.window.to })).toBeNull();

    // A run that wrote the window's state row but died before its own (a newer version): the
    // stored groups are not the last finished run's, so they are not read.
    await tw.warehouse.client.insert({
      table: 'kpi_state',
      values: [{ name: RETURN_WINDOW_STATE_NAME, watermark: toChTime(s.window.to), version: s.gen + 10 }],
      format: 'JSONEachRow',
    });
    expect(await storedReturnWindow(tw.warehouse)).toBeNull();
    expect(await returnWindowGen(tw.warehouse, s.window)).toBeNull();
    // The rollups answer meanwhile; the next run stores the window again.
    const page: Page = { limit: 50, offset: 0, sort: 'key', desc: false };
    expectSameRates(await returnRates(tw.warehouse, s.window, {}, undefined, 'sku', page), await returnRatesFromRollups(tw.warehouse, s.window, {}, undefined, 'sku', page), 'fallback');
    await refreshKpiFacts(tw.warehouse);
    await expectAgreement((await stored()).window, 'after the repair');
  });

  it('drops the partitions of runs over ten minutes older than the last one, and keeps the newer', async () => {
    const { gen } = await stored();
    const old = gen - 11 * 60_000 * 10; // versions are milliseconds × 10
    const recent = gen - 9 * 60_000 * 10;
    for (const g of [old, recent]) {
      await tw.warehouse.client.command({
        query: `INSERT INTO return_window_groups (gen, grouped_by, key, category, orders) VALUES ({g:UInt64}, 'sku', 'X', '服饰', 1)`,
        query_params: { g },
      });
    }
    await refreshKpiFacts(tw.warehouse);
    const kept = await gens();
    expect(kept).not.toContain(old);
    expect(kept).toContain(recent);
    expect(kept).toContain(gen);
    expect(kept).toContain((await stored()).gen);
  });

  it('keeps the partition committed before the last, however old', async () => {
    const { gen } = await stored();
    const previous = gen - 30 * 60_000 * 10; // a run half an hour before
    await tw.warehouse.client.command({
      query: `INSERT INTO return_window_groups (gen, grouped_by, key, category, orders) VALUES ({g:UInt64}, 'sku', 'X', '服饰', 1)`,
      query_params: { g: previous },
    });
    const state = { name: RETURN_WINDOW_STATE_NAME, watermark: '2026-01-01 00:00:00.000', version: gen };
    await dropOldReturnWindows(tw.warehouse.client, { state, previousGen: previous });
    expect(await gens()).toContain(previous);
    await dropOldReturnWindows(tw.warehouse.client, { state, previousGen: null });
    expect(await gens()).not.toContain(previous);
  });

  it('a run whose window cannot be built still commits its figures; the rollups answer until a run builds it', async () => {
    await ingest(10);
    const builds = loadSql('kpi/refresh/return_window');
    const r = await refreshKpiFacts(failingCommands(tw.warehouse, (sql) => sql === builds));
    expect(await storedReturnWindow(tw.warehouse)).toBeNull();
    // The run finished: its watermark is committed, so the next run starts after it.
    const [mark] = await queryRows<{ w: string }>(tw.warehouse.client, "SELECT toString(max(watermark)) AS w FROM kpi_state FINAL WHERE name = 'refresh'");
    expect(new Date(`${mark!.w.replace(' ', 'T')}Z`).toISOString()).toBe(r.to);
    await refreshKpiFacts(tw.warehouse);
    await expectAgreement((await stored()).window, 'after a run without the window');
  });

  it('a run that cannot drop old partitions still finishes, and the next one drops them', async () => {
    const { gen } = await stored();
    const old = gen - 20 * 60_000 * 10;
    await tw.warehouse.client.command({
      query: `INSERT INTO return_window_groups (gen, grouped_by, key, category, orders) VALUES ({g:UInt64}, 'sku', 'X', '服饰', 1)`,
      query_params: { g: old },
    });
    await refreshKpiFacts(failingCommands(tw.warehouse, (sql) => sql.includes('DROP PARTITION')));
    expect(await gens()).toContain(old);
    expect(await returnWindowGen(tw.warehouse, (await stored()).window)).not.toBeNull();
    await refreshKpiFacts(tw.warehouse);
    expect(await gens()).not.toContain(old);
  });
});
