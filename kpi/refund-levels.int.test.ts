import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderEvent, RefundEvent } from '../contracts/index.ts';
import { QUALITY_REASON_CODES } from '../contracts/refunds.ts';
import { openTestWarehouse, type TestWarehouse } from '../test/helpers/test-warehouse.ts';
import { queryRows } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';
import { filterParams, previousWindow, type KpiFilter, type Scope, type Window } from './filters.ts';
import { runKpiQuery } from './query.ts';
import { finestLevel } from './levels.ts';
import { refundSummaryPair, refundSummaryPairFromFacts, refundSummaryPairRead, summaryPlan, windowParams, type RefundSummary } from './refund-flow.ts';
import { anOrder, ingestAndRefresh, insertRaw, step } from '../test/kpi/test-support.ts';
import { refreshKpiFacts } from './refresh.ts';
import { ALL_PARTITIONS } from './partition-chunks.ts';
import { mulberry32 } from '../simulator/prng.ts';
import { fromChTime } from './time.ts';

/**
 * The refund summary read from the level rollup (migration 0009, its minute rows 0013) against
 * the same summary read from the facts alone (sql/kpi/refund_summary.sql), after each of four
 * refresh runs of a seeded stream with late steps that move facts, cancellations, escalations
 * that remove a close, replays, refunds whose host / session / category change, and orders
 * arriving late. Checked two ways: the rollup (hour and minute rows) equals "aggregate the facts
 * FINAL" row for row, and the answers agree for random windows (odd-millisecond, whole-second
 * and whole-minute edges, under an hour, many hours, empty) and every filter combination.
 *
 * The stream lies two days before the real clock (the refresh writes minute rows for the last
 * MINUTE_ROWS_WRITTEN_DAYS of its clock), except a few refunds three days before it, whose
 * hours must get no minute rows. Reads pass their `now`: NOW_ALL lets them use minute rows for
 * the whole stream, NOW_PART starts the minute rows' read retention inside it.
 */
let tw: TestWarehouse;

const rand = mulberry32(20261110);
const int = (n: number) => Math.floor(rand() * n);
const pickOf = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BASE = Math.floor(Date.now() / DAY) * DAY - 2 * DAY;
/** Minute rows are written from floorHour(real now) - 4 days, which lies in [BASE - 2 d, BASE - 1 d). */
const MINUTES_WRITTEN_BEFORE = BASE - DAY;
const OLD = BASE - 3 * DAY;
const NOW_ALL = new Date(BASE + 2 * DAY); // minuteRowsFrom = BASE - 1 d
const NOW_PART = new Date(BASE + 3 * DAY + 5 * HOUR); // minuteRowsFrom = BASE + 5 h
const iso = (ms: number) => new Date(ms).toISOString();
/** Shop → host → sessions; a refund keeps its shop, its host / session / category may change. */
const PLACES = [
  { shop_id: 'S1', host_id: 'H1', live_session_id: 'L1' },
  { shop_id: 'S1', host_id: 'H1', live_session_id: 'L2' },
  { shop_id: 'S1', host_id: 'H2', live_session_id: 'L3' },
  { shop_id: 'S2', host_id: 'H3', live_session_id: 'L4' },
  { shop_id: 'S2', host_id: 'H4', live_session_id: 'L5' },
] as const;
const CATEGORIES = ['服饰', '美妆', '数码'] as const;

interface Refund {
  id: string;
  place: (typeof PLACES)[number];
  category: string;
  requestedAt: number;
  type: 'refund_only' | 'return_refund';
}

function stream(): { refunds: RefundEvent[]; orders?: OrderEvent[] }[] {
  const refunds: Refund[] = Array.from({ length: 48 }, (_, i) => ({
    id: `Q${i}`,
    place: pickOf(PLACES),
    category: pickOf(CATEGORIES),
    requestedAt: BASE + int(10 * HOUR),
    type: rand() < 0.5 ? 'refund_only' : 'return_refund',
  }));
  const ev = (r: Refund, status: RefundEvent['status'], t: number, over: Partial<RefundEvent> = {}) =>
    step(r.id, status, iso(t), { ...r.place, category: r.category, type: r.type, reason_code: 'quality', ...over });
  const later = (t: number, maxMin: number) => t + 1 + int(maxMin * 60_000);
  const decisions = ['auto_approved', 'approved', 'rejected', 'timeout_approved'] as const;
  const decidedAt = new Map<string, number>();

  const run1: RefundEvent[] = [];
  for (const r of refunds) {
    run1.push(ev(r, 'requested', r.requestedAt));
    if (rand() < 0.4) {
      const t = later(r.requestedAt, 90);
      decidedAt.set(r.id, t);
      run1.push(ev(r, pickOf(decisions), t));
    }
  }
  const run2: RefundEvent[] = [...run1.filter(() => rand() < 0.3)]; // replays: the same event ids
  for (const r of refunds) {
    const x = rand();
    if (x < 0.2) {
      // An earlier request arrives late: the request fact moves, often to another hour.
      r.requestedAt -= 1 + int(3 * HOUR);
      run2.push(ev(r, 'requested', r.requestedAt));
    } else if (x < 0.35) {
      run2.push(ev(r, 'cancelled', later(r.requestedAt, 200)));
    } else if (x < 0.7 || decidedAt.has(r.id)) {
      const t = decidedAt.get(r.id) ?? later(r.requestedAt, 120);
      decidedAt.set(r.id, t);
      run2.push(ev(r, 'approved', t), ev(r, 'refunded', later(t, 300)));
    }
  }
  const run3: RefundEvent[] = [];
  const orders: OrderEvent[] = [];
  for (const r of refunds) {
    const x = rand();
    if (x < 0.25) {
      // A later step names another host / session (same shop) and category: every fact moves group.
      const same = PLACES.filter((p) => p.shop_id === r.place.shop_id);
      r.place = pickOf(same);
      r.category = pickOf(CATEGORIES);
      run3.push(ev(r, 'escalated', later(decidedAt.get(r.id) ?? r.requestedAt, 500), { actor: 'platform' }));
    } else if (x < 0.4) {
      run3.push(ev(r, 'rejected', later(decidedAt.get(r.id) ?? r.requestedAt, 60)));
    } else if (x < 0.55) {
      // A refund step later than the refund: the decision and refund move.
      const t = later(r.requestedAt, 30);
      decidedAt.set(r.id, t);
      run3.push(ev(r, 'auto_approved', t, { actor: 'system' }), ev(r, 'refunded', later(t, 60), { actor: 'system' }));
    }
    if (rand() < 0.5) orders.push(anOrder(`O-${r.id}`, iso(r.requestedAt - int(48 * HOUR)), { ...r.place, category: r.category }));
  }
  const run4: RefundEvent[] = [...run3.filter(() => rand() < 0.3)];
  for (const r of refunds) {
    if (rand() < 0.5) {
      const t = later(r.requestedAt, 900);
      run4.push(ev(r, 'rated', t, { csat: 1 + int(5) }));
      if (rand() < 0.4) run4.push(ev(r, 'rated', later(t, 120), { csat: 1 + int(5) })); // re-rated
    }
  }
  // A refund alone in its shop and hours: when its late earlier request moves the request fact,
  // nothing else touches the hour it leaves.
  const alone = { shop_id: 'S3', host_id: 'H5', live_session_id: 'L6', category: '数码', type: 'refund_only' } as const;
  run1.push(step('MV', 'requested', iso(BASE + 20 * HOUR + 1_801), alone));
  run2.push(step('MV', 'requested', iso(BASE + 18 * HOUR + 599_999), alone));
  // Steps exactly on hour boundaries: the first millisecond of an hour, read whole or as an edge.
  const onHour = { ...alone, shop_id: 'S1', host_id: 'H2', live_session_id: 'L3' };
  run1.push(step('HB', 'requested', iso(BASE + 6 * HOUR), onHour), step('HB', 'approved', iso(BASE + 7 * HOUR), onHour));
  run2.push(step('HB', 'refunded', iso(BASE + 8 * HOUR), onHour));
  // Refunds older than the minute rows' write retention: hour rows only, read from the facts.
  const old = { ...alone, shop_id: 'S2', host_id: 'H3', live_session_id: 'L4' };
  run1.push(step('OLD1', 'requested', iso(OLD + 2 * HOUR + 61_001), old), step('OLD1', 'auto_approved', iso(OLD + 2 * HOUR + 75_000), old));
  run2.push(step('OLD1', 'refunded', iso(OLD + 3 * HOUR + 17_017), old), step('OLD2', 'requested', iso(OLD + 3 * HOUR + 60_000), old));
  run3.push(step('OLD2', 'requested', iso(OLD + 2 * HOUR + 119_999), old));
  return [{ refunds: run1 }, { refunds: run2 }, { refunds: run3, orders }, { refunds: run4 }];
}

/**
 * The rollup as stored, and as it should be: the facts FINAL grouped at every level by hour, and
 * from MINUTES_WRITTEN_BEFORE on by minute at the minute levels.
 */
const ROLLUP_COLUMNS = `bucket, toString(level) AS l, key, toString(shop_id) AS shop, toString(host_id) AS host, live_session_id AS session,
  toString(category) AS cat, toString(kind) AS k, toString(outcome) AS o, cancelled AS c, n, n_values, round(value_sum, 6) AS vs, n_4_5, refunded_values`;
type RollupRow = Record<string, unknown> & { l: string; bucket: string };
const stored = () => queryRows<RollupRow>(tw.warehouse.client, `SELECT ${ROLLUP_COLUMNS} FROM refund_level_rollup FINAL ORDER BY ALL`);
const expected = () =>
  queryRows<RollupRow>(
    tw.warehouse.client,
    `SELECT ${ROLLUP_COLUMNS} FROM
     (
         SELECT if(g.1, toStartOfMinute(f.ts), toStartOfHour(f.ts)) AS bucket, concat(lv.1, g.2) AS level, lv.2 AS key, lv.3 AS shop_id, lv.4 AS host_id, lv.5 AS live_session_id,
                toString(f.category) AS category, toString(f.kind) AS kind, toString(f.outcome) AS outcome,
                if(f.kind = 'request', f.is_cancelled, 0) AS cancelled, count() AS n, count(f.value) AS n_values,
                coalesce(sum(f.value), 0) AS value_sum, countIf(f.value >= 4) AS n_4_5, arraySort(groupArrayIf(f.value, f.kind = 'refunded')) AS refunded_values
         FROM refund_facts AS f FINAL
         ARRAY JOIN [('all', '', '', '', ''), ('shop', toString(f.shop_id), toString(f.shop_id), '', ''),
                     ('host', toString(f.host_id), toString(f.shop_id), toString(f.host_id), ''),
                     ('session', f.live_session_id, toString(f.shop_id), toString(f.host_id), f.live_session_id)] AS lv
         ARRAY JOIN [(0, ''), (1, ':minute')] AS g
         WHERE f.kind IN ('request', 'decision', 'close', 'refunded', 'rating')
           AND (g.1 = 0 OR f.ts >= fromUnixTimestamp64Milli(${MINUTES_WRITTEN_BEFORE}, 'UTC'))
         GROUP BY ALL
     ) ORDER BY ALL`,
  );

/** Filters and scopes every window is asked with: each level, combinations, '' (nothing), SKU. */
const VARIANTS: { name: string; filter: KpiFilter; scope?: Scope }[] = [
  { name: 'none', filter: {} },
  { name: 'shop', filter: { shop_id: 'S1' } },
  { name: 'shop S2', filter: { shop_id: 'S2' } },
  { name: 'shop S3', filter: { shop_id: 'S3' } },
  { name: 'category', filter: { category: '美妆' } },
  { name: 'manager scope', filter: {}, scope: { categories: ['美妆', '服饰'] } },
  { name: 'host', filter: { host_id: 'H1' } },
  { name: 'session', filter: { live_session_id: 'L4' } },
  { name: 'shop + host', filter: { shop_id: 'S1', host_id: 'H2' } },
  { name: 'shop + foreign host', filter: { shop_id: 'S2', host_id: 'H1' } },
  { name: 'host + category', filter: { host_id: 'H3', category: '数码' } },
  { name: 'session + shop + scope', filter: { live_session_id: 'L1', shop_id: 'S1' }, scope: { categories: ['服饰', '数码'] } },
  { name: 'shop + scope', filter: { shop_id: 'S2' }, scope: { categories: ['美妆'] } },
  { name: 'host outside scope (nothing)', filter: { host_id: 'H2' }, scope: { host_id: 'H1' } },
  { name: 'host scope', filter: {}, scope: { host_id: 'H4' } },
  { name: "session ''", filter: { live_session_id: '' } },
  { name: "shop ''", filter: { shop_id: '' } },
  { name: 'unknown category', filter: { category: '食品' } },
  { name: 'sku (facts path)', filter: { sku_id: 'SKU1', shop_id: 'S1' } },
];

function windows(): { w: Window; previous: Window | null }[] {
  const out: { w: Window; previous: Window | null }[] = [];
  const lengths = [1, 17 * 60_000 + 3_457, HOUR - 1, 3 * HOUR + 29_113, 24 * HOUR, 0];
  for (const len of lengths) {
    const from = BASE - 6 * HOUR + int(20 * HOUR); // any millisecond
    out.push({ w: { from: new Date(from), to: new Date(from + len) }, previous: null });
  }
  // Hour-aligned edges (no edge reads at all), the overview's 24 h + 24 h, and empty windows.
  out.push({ w: { from: new Date(BASE + 2 * HOUR), to: new Date(BASE + 9 * HOUR) }, previous: null });
  const day = { from: new Date(BASE + 3 * HOUR + 1_234), to: new Date(BASE + 27 * HOUR + 1_234) };
  out.push({ w: day, previous: previousWindow(day) });
  const short = { from: new Date(BASE + 4 * HOUR + 59 * 60_000 + 999), to: new Date(BASE + 5 * HOUR + 7) };
  out.push({ w: short, previous: previousWindow(short) });
  out.push({ w: { from: new Date(BASE - 30 * 24 * HOUR), to: new Date(BASE - 29 * 24 * HOUR) }, previous: null });
  for (const [from, to] of [
    [6 * HOUR, 8 * HOUR + 1],
    [6 * HOUR, 8 * HOUR],
    [6 * HOUR - 1, 8 * HOUR - 1],
    [5 * HOUR + 1, 6 * HOUR + 1],
    [6 * HOUR + 1, 8 * HOUR + 1],
  ] as const) {
    const w = { from: new Date(BASE + from), to: new Date(BASE + to) };
    out.push({ w, previous: null }, { w, previous: previousWindow(w) });
  }
  for (let i = 0; i < 4; i++) {
    const from = BASE - 4 * HOUR + int(16 * HOUR) + int(1000);
    const w = { from: new Date(from), to: new Date(from + 1 + int(9 * HOUR)) };
    out.push({ w, previous: previousWindow(w) });
  }
  // Whole-minute ends (the overview's default window): hour and minute rows only, no facts; and
  // whole-second ends: the partial hours from the facts.
  const MIN = 60_000;
  for (const unit of [MIN, 1000]) {
    for (const len of [7 * MIN, 59 * MIN, 2 * HOUR + 13 * MIN, 24 * HOUR, 71 * MIN + (unit === MIN ? 0 : 31_000)]) {
      const from = BASE - 4 * HOUR + int(16 * HOUR / unit) * unit;
      const w = { from: new Date(from), to: new Date(from + len) };
      out.push({ w, previous: previousWindow(w) });
    }
  }
  // Around the old refunds (no minute rows: the facts stand in).
  for (const [from, to] of [
    [OLD + HOUR + 30 * MIN, OLD + 4 * HOUR + 1_000],
    [OLD + 2 * HOUR + MIN, OLD + 3 * HOUR + 17 * MIN],
    [OLD + 2 * HOUR + 2 * MIN, OLD + 2 * HOUR + 5 * MIN],
  ] as const) {
    const w = { from: new Date(from), to: new Date(to) };
    out.push({ w, previous: previousWindow(w) }, { w, previous: null });
  }
  return out;
}

/** Counts and exact percentiles must be equal; means are float sums in another order. */
function expectSame(got: RefundSummary, want: RefundSummary, what: string): void {
  const { processing_time_mean_s: gm, csat_mean: gc, ...gotExact } = got;
  const { processing_time_mean_s: wm, csat_mean: wc, ...wantExact } = want;
  expect(gotExact, what).toEqual(wantExact);
  for (const [g, w] of [
    [gm, wm],
    [gc, wc],
  ] as const) {
    if (w === null) expect(g, what).toBeNull();
    else expect(Math.abs((g ?? NaN) - w), what).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(w)));
  }
}

/** Windows whose edges are fact times (and a millisecond after): a fact exactly on an edge. */
async function factEdgeWindows(): Promise<{ w: Window; previous: Window | null }[]> {
  const ts = (
    await queryRows<{ ts: string }>(
      tw.warehouse.client,
      `SELECT toString(ts) AS ts FROM refund_facts FINAL WHERE kind IN ('request', 'decision', 'close', 'refunded', 'rating') ORDER BY ts`,
    )
  ).map((r) => Date.parse(`${r.ts.replace(' ', 'T')}Z`));
  const out: { w: Window; previous: Window | null }[] = [];
  for (let i = 0; i < 4; i++) {
    const [a, b] = [pickOf(ts), pickOf(ts)].sort((x, y) => x - y) as [number, number];
    const shift = i % 2;
    const w = { from: new Date(a + shift), to: new Date(b + shift) };
    out.push({ w, previous: previousWindow(w) }, { w, previous: null });
  }
  return out;
}

async function expectAgreement(run: number): Promise<number> {
  let nonEmpty = 0;
  const files = new Map<string, number>();
  const all = [...windows(), ...(await factEdgeWindows())];
  for (const [i, { w, previous }] of all.entries()) {
    const now = i % 2 ? NOW_PART : NOW_ALL;
    const file = refundSummaryPairRead(w, previous, {}, undefined, now).name;
    files.set(file, (files.get(file) ?? 0) + 1);
    const answers = await Promise.all(
      VARIANTS.map(async (v) => ({
        v,
        got: await refundSummaryPair(tw.warehouse, w, previous, v.filter, v.scope, now),
        want: await refundSummaryPairFromFacts(tw.warehouse, w, previous, v.filter, v.scope),
      })),
    );
    for (const { v, got, want } of answers) {
      const what = `run ${run}, ${v.name}, ${w.from.toISOString()} … ${w.to.toISOString()}${previous ? ' with previous' : ''}, now ${now.toISOString()}`;
      expectSame(got.current, want.current, `${what} (current)`);
      expectSame(got.previous, want.previous, `${what} (previous)`);
      if (want.current.requests + want.current.closed + want.current.ratings > 0) nonEmpty++;
    }
  }
  // Both level files were compared (with and without fact ranges), not only one.
  expect(files.get('kpi/refund_summary_levels')).toBeGreaterThan(10);
  expect(files.get('kpi/refund_summary_rollup')).toBeGreaterThan(5);
  return nonEmpty;
}

const runs = stream();
beforeAll(async () => {
  tw = await openTestWarehouse();
});
afterAll(async () => tw?.close());

describe('refund summary from the level rollup', () => {
  it.each(runs.map((r, i) => [i + 1, r] as const))('after run %i the rollup equals the facts and every read agrees', async (run, rows) => {
    await ingestAndRefresh(tw.warehouse, rows);
    const rollup = await stored();
    expect(rollup.length).toBeGreaterThan(0);
    expect(rollup).toEqual(await expected());
    // Both grains were compared: minute rows exist, and none for the old refunds' hours.
    const old = (r: RollupRow) => fromChTime(r.bucket).getTime() < MINUTES_WRITTEN_BEFORE;
    const minuteRows = rollup.filter((r) => r.l.endsWith(':minute'));
    expect(minuteRows.length).toBeGreaterThan(0);
    expect(minuteRows.filter(old)).toEqual([]);
    expect(rollup.filter((r) => r.l === 'all' && old(r))).not.toEqual([]);
    // The comparison must have had something to compare: most windows hold refunds.
    expect(await expectAgreement(run)).toBeGreaterThan(40);
  }, 300_000); // ~1,300 reads per run: seconds alone, more on a busy machine

  it('the level read matches no row under a SKU filter (those requests read the facts)', async () => {
    const w = { from: new Date(BASE), to: new Date(BASE + 5 * HOUR + 7) };
    const params = (filter: KpiFilter) => {
      const fp = filterParams(filter);
      // The level of the other filters (finestLevel leaves a SKU filter to the facts).
      const level = finestLevel({ ...fp, sku_id: null });
      return { ...windowParams(w), ...summaryPlan(w.from, w.from, w.to, NOW_ALL), ...level, minute_level: `${level?.level}:minute`, ...fp };
    };
    expect(await runKpiQuery(tw.warehouse, 'kpi/refund_summary_levels', params({ shop_id: 'S1' }))).not.toEqual([]);
    expect(await runKpiQuery(tw.warehouse, 'kpi/refund_summary_levels', params({ shop_id: 'S1', sku_id: 'SKU1' }))).toEqual([]);
    expect(await runKpiQuery(tw.warehouse, 'kpi/refund_summary_rollup', params({ shop_id: 'S1' }))).not.toEqual([]);
    expect(await runKpiQuery(tw.warehouse, 'kpi/refund_summary_rollup', params({ shop_id: 'S1', sku_id: 'SKU1' }))).toEqual([]);
    // …and the public read answers it from the facts, like every other request with a SKU.
    const sku = await refundSummaryPair(tw.warehouse, w, null, { shop_id: 'S1', sku_id: 'SKU1' });
    expect(sku.current.requests).toBeGreaterThan(0);
  });

  it('repairs a run that died after rewriting facts and before rewriting the rollup', async () => {
    const alone = { shop_id: 'S4', host_id: 'H6', live_session_id: 'L7', category: '食品', type: 'refund_only' } as const;
    await ingestAndRefresh(tw.warehouse, { refunds: [step('CR', 'requested', iso(BASE + 30 * HOUR + 5), alone)] });
    // An earlier request moves the request fact 3 h back; the run that saw it died after the write.
    await insertRaw(tw.warehouse, { refunds: [step('CR', 'requested', iso(BASE + 27 * HOUR + 17), alone)] });
    const batch = 1;
    await tw.warehouse.client.insert({
      table: 'kpi_touched',
      values: [{ batch, entity: 'refund', shop_id: 'S4', id: 'CR', hour: '1970-01-01 00:00:00' }],
      format: 'JSONEachRow',
    });
    const params = { batch, version: Date.now() * 10 - 1000, quality_reasons: [...QUALITY_REASON_CODES], minutes_from: '1970-01-01 00:00:00', ...ALL_PARTITIONS };
    for (const name of ['refund_stage', 'keys_pending_refund', 'touch_refund_hours', 'write_refund_facts']) {
      await tw.warehouse.client.command({ query: loadSql(`kpi/refresh/${name}`), query_params: params });
    }
    expect(await stored()).not.toEqual(await expected()); // the rollup still counts the request at 30 h
    // A second crash, this time between the hour rows and the minute rows.
    await refreshHourRowsOnly(params);
    const [got, want] = [await stored(), await expected()];
    const hours = (rows: RollupRow[]) => rows.filter((r) => !r.l.endsWith(':minute'));
    expect(hours(got)).toEqual(hours(want));
    expect(got).not.toEqual(want); // the minute rows still count the request at 30 h
    await refreshKpiFacts(tw.warehouse);
    expect(await stored()).toEqual(await expected());
  });

  /** The refresh steps of refunds up to the hour rows (what a run that died right after them left). */
  async function refreshHourRowsOnly(params: Record<string, unknown>): Promise<void> {
    const batch = Number(params.batch) + 1;
    await tw.warehouse.client.insert({
      table: 'kpi_touched',
      values: [{ batch, entity: 'refund', shop_id: 'S4', id: 'CR', hour: '1970-01-01 00:00:00' }],
      format: 'JSONEachRow',
    });
    const p = { ...params, batch, version: Number(params.version) + 10 };
    for (const name of ['refund_stage', 'keys_pending_refund', 'touch_refund_hours', 'write_refund_facts']) {
      await tw.warehouse.client.command({ query: loadSql(`kpi/refresh/${name}`), query_params: p });
    }
    await tw.warehouse.client.command({
      query: loadSql('kpi/refresh/refund_level_rollup'),
      query_params: { ...p, minutes: 0, suffix: '', touched: 'refund_shop_hour', minutes_from: '1970-01-01 00:00:00' },
    });
  }

  it('minute rows older than 7 days are dropped on merge (TTL of migration 0013); hour rows and younger minute rows stay', async () => {
    const today = Math.floor(Date.now() / DAY) * DAY;
    const row = (daysAgo: number, level: string) => ({
      bucket: iso(today - daysAgo * DAY + HOUR).slice(0, 19).replace('T', ' '),
      level,
      key: '',
      category: 'ttl',
      kind: 'request',
      n: 1,
      version: 1,
    });
    const days = [8, 6].map((n) => new Date(today - n * DAY).toISOString().slice(0, 10));
    await tw.warehouse.client.insert({ table: 'refund_level_rollup', values: [row(8, 'all'), row(8, 'all:minute'), row(6, 'all'), row(6, 'all:minute')], format: 'JSONEachRow' });
    // A background TTL merge may already have dropped the old minute row; the explicit merge must.
    for (const day of days) await tw.warehouse.client.command({ query: `OPTIMIZE TABLE refund_level_rollup PARTITION '${day}' FINAL` });
    const kept = await queryRows<{ d: string; l: string }>(
      tw.warehouse.client,
      `SELECT toString(toDate(bucket)) AS d, toString(level) AS l FROM refund_level_rollup WHERE category = 'ttl' ORDER BY d, l`,
    );
    expect(kept).toEqual([
      { d: days[0], l: 'all' },
      { d: days[1], l: 'all' },
      { d: days[1], l: 'all:minute' },
    ]);
    for (const day of days) await tw.warehouse.client.command({ query: `ALTER TABLE refund_level_rollup DROP PARTITION '${day}'` });
  });

  it('a run over unchanged data writes no rollup row', async () => {
    const count = async () => Number((await queryRows<{ n: string }>(tw.warehouse.client, 'SELECT count() AS n FROM refund_level_rollup'))[0]!.n);
    const before = await count();
    await ingestAndRefresh(tw.warehouse, { refunds: runs[0]!.refunds.slice(0, 5) }); // replays only
    expect(await count()).toBe(before);
  });
});
