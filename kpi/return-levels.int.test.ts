import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderEvent, RefundEvent } from '../contracts/index.ts';
import { openTestWarehouse, type TestWarehouse } from '../test/helpers/test-warehouse.ts';
import { queryRows, type Warehouse } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';
import { previousWindow, type KpiFilter, type Scope, type Window } from './filters.ts';
import { refreshKpiFacts } from './refresh.ts';
import { returnSummaryPair, returnSummaryPairFromRollups } from './return-rates.ts';
import { anOrder, failingCommands, insertRaw, seeded, step } from '../test/kpi/test-support.ts';

/**
 * The return summary from the level rollups (return_levels, migration 0012) must answer exactly
 * what the daily/hourly rollup read (sql/kpi/return_summary.sql) answers, for every window and
 * filter, after every refresh run: the first full run, late and out-of-order steps, cancellations,
 * duplicates, refunds whose order arrives later (attributes change), orders re-sent at another
 * time and refunds moved to another order (cohort facts move), and runs that die midway.
 */

// Seeded, so a failure reproduces.
const { rnd, pick } = seeded(20261201);

const CATEGORIES = ['服饰', '美妆', '数码'] as const;
const HOSTS = [
  { host_id: 'H1', shop_id: 'S1', sessions: ['L1', 'L2'] },
  { host_id: 'H2', shop_id: 'S1', sessions: ['L3'] },
  { host_id: 'H3', shop_id: 'S2', sessions: ['L4', 'L5'] },
  { host_id: 'H4', shop_id: 'S3', sessions: ['L6'] },
] as const;
const DAY0 = Date.parse('2026-11-03T00:00:00Z');
const DAY = 86_400_000;

/** An order attribute set: a host of a shop, one of its sessions, a category and SKU. */
function attrs() {
  const h = pick(HOSTS);
  const category = pick(CATEGORIES);
  return { shop_id: h.shop_id, host_id: h.host_id, live_session_id: pick(h.sessions), category, sku_id: `SKU-${category}-${Math.floor(rnd() * 3)}` };
}
/** A time at an odd millisecond inside [DAY0, DAY0 + days). */
const timeIn = (days: number) => new Date(DAY0 + Math.floor(rnd() * days * DAY)).toISOString();

let tw: TestWarehouse;
const orders = new Map<string, OrderEvent>();
const refunds = new Map<string, RefundEvent>();

function newOrder(id: string, over: Partial<OrderEvent> = {}): OrderEvent {
  const o = anOrder(id, timeIn(10), { ...attrs(), ...over });
  orders.set(id, o);
  return o;
}
function request(refundId: string, o: OrderEvent): RefundEvent {
  const r = step(refundId, 'requested', new Date(Date.parse(o.occurred_at) + 3_600_000 + Math.floor(rnd() * DAY)).toISOString(), {
    order_id: o.order_id,
    shop_id: o.shop_id,
    host_id: o.host_id,
    live_session_id: o.live_session_id,
    category: o.category,
    sku_id: o.sku_id,
    reason_code: pick(['quality', 'size_fit', 'changed_mind', 'damaged'] as const),
  });
  refunds.set(refundId, r);
  return r;
}
/** A later step of a stored refund, `afterMs` after its request (negative: out of order). */
function later(refundId: string, status: RefundEvent['status'], afterMs: number, over: Partial<RefundEvent> = {}): RefundEvent {
  const r = refunds.get(refundId)!;
  const { event_id: _id, status: _s, occurred_at: _t, csat: _c, ...rest } = r;
  return step(refundId, status, new Date(Date.parse(r.occurred_at) + afterMs).toISOString(), { ...rest, ...over });
}

/** Random windows: odd-millisecond edges, shorter than an hour, spanning days, empty. */
function windows(): Window[] {
  const ws: Window[] = [
    { from: new Date(DAY0 - 30 * DAY), to: new Date(DAY0 - 29 * DAY) }, // empty
    { from: new Date(DAY0 + 2 * DAY + 3_600_000 * 5 + 17_123), to: new Date(DAY0 + 2 * DAY + 3_600_000 * 5 + 1_500_001) }, // < 1 h
    { from: new Date(DAY0 + DAY), to: new Date(DAY0 + 8 * DAY) }, // whole days
  ];
  for (let i = 0; i < 3; i++) {
    const from = DAY0 - DAY + Math.floor(rnd() * 9 * DAY);
    const len = Math.floor(rnd() * 6 * DAY) + 1;
    ws.push({ from: new Date(from), to: new Date(from + len) });
  }
  return ws;
}

const FILTERS: { filter: KpiFilter; scope?: Scope }[] = [
  { filter: {} },
  { filter: { shop_id: 'S1' } },
  { filter: { category: '美妆' } },
  { filter: { host_id: 'H3' } },
  { filter: { live_session_id: 'L1' } },
  { filter: { shop_id: 'S1', host_id: 'H2' } },
  { filter: { shop_id: 'S2', host_id: 'H1' } }, // host of another shop: nothing
  { filter: { host_id: 'H1', live_session_id: 'L2', category: '服饰' } },
  { filter: { host_id: 'H1', live_session_id: 'L4' } }, // session of another host: nothing
  { filter: { shop_id: 'S-none' } },
  { filter: {}, scope: { categories: ['美妆', '服饰'] } },
  { filter: { category: '数码' }, scope: { categories: ['美妆', '服饰'] } }, // outside the scope: ''
  { filter: { shop_id: 'S2' }, scope: { host_id: 'H3' } },
  { filter: { host_id: 'H1' }, scope: { host_id: 'H3' } }, // another host than the scope's: ''
  { filter: { sku_id: 'SKU-服饰-1' } }, // SKU: the rollup path on both sides
  { filter: { host_id: 'H4', sku_id: 'SKU-数码-0' } },
];

async function expectAgreement(when: string): Promise<void> {
  let nonEmpty = 0;
  for (const [i, w] of windows().entries()) {
    for (const { filter, scope } of FILTERS) {
      // The overview's pair, and (for some windows) the window alone.
      for (const previous of i % 2 ? [previousWindow(w), null] : [previousWindow(w)]) {
        const levels = await returnSummaryPair(tw.warehouse, w, previous, filter, scope);
        const rollups = await returnSummaryPairFromRollups(tw.warehouse, w, previous, filter, scope);
        expect(levels, `${when}: ${JSON.stringify({ w, previous: !!previous, filter, scope })}`).toEqual(rollups);
        if (levels.current.orders > 0) nonEmpty++;
      }
    }
  }
  expect(nonEmpty).toBeGreaterThan(15); // the windows do cover the fixture
}

/**
 * Every row of return_levels is the sum of its bucket's rollup rows at its level, and nothing
 * else is stored: the level expansion applied to the rollups FINAL, compared with the table FINAL.
 */
const EXPECTED_LEVELS = `
SELECT grain, toString(bucket) AS b, level, key, source, category, shop, host, session, sum(o) AS o, sum(r) AS r, sum(q) AS q
FROM
(
    SELECT 'hour' AS grain, order_hour AS bucket, 'order' AS source, toString(category) AS category, toString(shop_id) AS s,
           toString(host_id) AS h, live_session_id AS ls, orders AS o, toUInt64(0) AS r, toUInt64(0) AS q
    FROM order_rollup FINAL
    UNION ALL
    SELECT 'day', toDateTime(order_day, 'UTC'), 'order', toString(category), toString(shop_id), toString(host_id), live_session_id, orders, 0, 0
    FROM order_day_rollup FINAL
    UNION ALL
    SELECT 'hour', order_hour, 'cohort', toString(category), toString(shop_id), toString(host_id), live_session_id, 0, refunded_orders, quality_refunded_orders
    FROM cohort_rollup FINAL
    UNION ALL
    SELECT 'day', toDateTime(order_day, 'UTC'), 'cohort', toString(category), toString(shop_id), toString(host_id), live_session_id, 0, refunded_orders, quality_refunded_orders
    FROM cohort_day_rollup FINAL
)
ARRAY JOIN [('all', '', '', '', ''), ('shop', s, s, '', ''), ('host', h, s, h, ''), ('session', ls, s, h, ls)] AS l
WHERE l.1 = 'all' OR l.2 != ''
GROUP BY grain, b, l.1 AS level, l.2 AS key, source, category, l.3 AS shop, l.4 AS host, l.5 AS session
ORDER BY ALL`;
const STORED_LEVELS = `
SELECT toString(grain) AS grain, toString(bucket) AS b, toString(level) AS level, key, toString(source) AS source, toString(category) AS category,
       toString(shop_id) AS shop, toString(host_id) AS host, live_session_id AS session, orders AS o, refunded_orders AS r, quality_refunded_orders AS q
FROM return_levels FINAL
ORDER BY ALL`;

async function expectLevelsMatchRollups(when: string): Promise<void> {
  const expected = await queryRows(tw.warehouse.client, EXPECTED_LEVELS);
  expect(expected.length).toBeGreaterThan(0);
  expect(await queryRows(tw.warehouse.client, STORED_LEVELS), when).toEqual(expected);
}

/** The hourly cohort rollup is what its refund facts say (what a died run could leave stale). */
async function expectCohortRollupMatchesFacts(when: string): Promise<void> {
  const facts = await queryRows(
    tw.warehouse.client,
    `SELECT toString(toStartOfHour(ts)) AS h, toString(shop_id) AS s, toString(category) AS c, toString(host_id) AS ho, live_session_id AS l, sku_id AS k,
            uniqExactIf(order_id, is_cancelled = 0) AS r, uniqExactIf(order_id, is_cancelled = 0 AND is_quality = 1) AS q
     FROM refund_facts FINAL WHERE kind = 'cohort' GROUP BY ALL ORDER BY ALL`,
  );
  const rollup = await queryRows(
    tw.warehouse.client,
    `SELECT toString(order_hour) AS h, toString(shop_id) AS s, toString(category) AS c, toString(host_id) AS ho, live_session_id AS l, sku_id AS k,
            refunded_orders AS r, quality_refunded_orders AS q
     FROM cohort_rollup FINAL ORDER BY ALL`,
  );
  expect(rollup, when).toEqual(facts);
}

/** The warehouse, but the refresh step `name` fails: a run that dies there. */
function dyingAt(wh: Warehouse, name: string): Warehouse {
  const sql = loadSql(`kpi/refresh/${name}`);
  return failingCommands(wh, (q) => q === sql, `injected failure at ${name}`);
}

beforeAll(async () => {
  tw = await openTestWarehouse();
});
afterAll(async () => tw?.close());

describe('return summary from the level rollups', () => {
  it('agrees with the rollup read after every kind of refresh run', async () => {
    // Run 1, the first (full) run: 80 orders over 10 days, a refund for about half of them.
    const first = Array.from({ length: 80 }, (_, i) => newOrder(`O${i}`));
    const firstRefunds = first.filter(() => rnd() < 0.5).map((o, i) => request(`R${i}`, o));
    await insertRaw(tw.warehouse, { orders: first, refunds: firstRefunds });
    expect((await refreshKpiFacts(tw.warehouse)).full).toBe(true);
    await expectLevelsMatchRollups('first run');
    await expectAgreement('first run');

    // Run 2: cancellations, out-of-order steps, duplicates, refunds of orders not stored yet.
    const ids = [...refunds.keys()];
    const lateOrders = Array.from({ length: 6 }, (_, i) => ({ ...anOrder(`OL${i}`, timeIn(10), attrs()) }));
    await insertRaw(tw.warehouse, {
      orders: [first[3]!, first[7]!], // replayed order events
      refunds: [
        ...ids.slice(0, 6).map((id) => later(id, 'cancelled', 7_200_000)),
        ...ids.slice(6, 10).map((id) => later(id, 'approved', -60_000)), // before its request
        refunds.get(ids[10]!)!, // a replay
        ...lateOrders.map((o, i) => request(`RL${i}`, { ...o, ...attrs() })), // the refund's attributes differ from the order's
      ],
    });
    await refreshKpiFacts(tw.warehouse);
    await expectLevelsMatchRollups('cancellations, duplicates');
    await expectAgreement('cancellations, duplicates');

    // Run 3: the late orders arrive; two orders are re-sent at another time (their cohort facts
    // move), a cancelled refund is requested again, a refund changes its reason to quality.
    const moved = [first[1]!, first[2]!].map((o) => anOrder(o.order_id, timeIn(10), { ...o }));
    await insertRaw(tw.warehouse, {
      orders: [...lateOrders, ...moved],
      refunds: [later(ids[0]!, 'requested', 9_000_000), later(ids[12]!, 'approved', 3_600_000, { reason_code: 'quality' })],
    });
    await refreshKpiFacts(tw.warehouse);
    await expectLevelsMatchRollups('late orders, moved facts');
    await expectAgreement('late orders, moved facts');

    // Run 4: refunds move to another order (the cohort fact leaves its old hour and group).
    await insertRaw(tw.warehouse, {
      refunds: ids.slice(14, 18).map((id, i) => {
        const o = first[40 + i]!;
        return later(id, 'approved', 5_400_000, { order_id: o.order_id, host_id: o.host_id, live_session_id: o.live_session_id, shop_id: o.shop_id });
      }),
      orders: [newOrder('O-new-1'), newOrder('O-new-2')],
    });
    await refreshKpiFacts(tw.warehouse);
    await expectCohortRollupMatchesFacts('refunds moved to other orders');
    await expectLevelsMatchRollups('refunds moved to other orders');
    await expectAgreement('refunds moved to other orders');
  });

  it('a run that dies before or inside the level steps is repaired by the next run', async () => {
    const ids = [...refunds.keys()];
    for (const [i, name] of ['cohort_rollup', 'cohort_levels', 'order_levels'].entries()) {
      await insertRaw(tw.warehouse, {
        refunds: ids.slice(20 + 3 * i, 23 + 3 * i).map((id) => later(id, 'cancelled', 10_800_000 + i)),
        orders: [newOrder(`O-crash-${i}`)],
      });
      await expect(refreshKpiFacts(dyingAt(tw.warehouse, name))).rejects.toThrow(`injected failure at ${name}`);
      await refreshKpiFacts(tw.warehouse);
      await expectCohortRollupMatchesFacts(`after a run that died at ${name}`);
      await expectLevelsMatchRollups(`after a run that died at ${name}`);
      await expectAgreement(`after a run that died at ${name}`);
    }
  });
});
