import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestWarehouse, type TestWarehouse } from '../test/helpers/test-warehouse.ts';
import { refreshKpiFacts } from './refresh.ts';
import { returnRates, returnSummary, returnSummaryPair } from './return-rates.ts';
import { anOrder, ingestAndRefresh, insertRaw, step, win } from '../test/kpi/test-support.ts';
import { trend } from './trends.ts';

/**
 * Return rates by ORDER-date cohort, window W = [11-03, 11-10) UTC:
 *
 *   O1  SKU-A 11-04  refund quality                       → refunded, quality
 *   O2  SKU-A 11-05  refund requested, then cancelled     → not refunded
 *   O3  SKU-A 11-06  —
 *   O4  SKU-A 11-06  two refunds (size_fit, quality)     → one refunded order, quality
 *   O5  SKU-A 11-01  refund requested 11-05               → outside the cohort: order before W
 *   O6  SKU-B 11-07  refund changed_mind; order sent twice → one order
 *   O7  SKU-B 11-08 10:00
 *   O8  SKU-C 11-08 14:00 (美妆)  refund dislike
 *   O9  SKU-C 11-09 (美妆)
 *   O10 SKU-A 11-09  its refund (not_received) arrives before the order
 * SKU-A / SKU-B are 服饰; SKU-A sold by host H1, SKU-B and SKU-C by H2.
 */
const fushi = { category: '服饰' } as const;
const meizhuang = { category: '美妆', host_id: 'H2', sku_id: 'SKU-C', live_session_id: 'L2' } as const;
const a = { ...fushi, sku_id: 'SKU-A', host_id: 'H1', live_session_id: 'L1' };
const b = { ...fushi, sku_id: 'SKU-B', host_id: 'H2', live_session_id: 'L2' };

let tw: TestWarehouse;
const W = win('2026-11-03T00:00:00', '2026-11-10T00:00:00');
const page = { limit: 50, offset: 0, sort: 'return_rate', desc: true };

beforeAll(async () => {
  tw = await openTestWarehouse();
  const o6 = anOrder('O6', '2026-11-07T09:00:00', b);
  // O10's refund comes first; the order arrives on a later run.
  await ingestAndRefresh(tw.warehouse, {
    refunds: [step('RA10', 'requested', '2026-11-09T12:00:00', { ...a, order_id: 'O10', reason_code: 'not_received' })],
  });
  await ingestAndRefresh(tw.warehouse, {
    orders: [
      anOrder('O1', '2026-11-04T09:00:00', a),
      anOrder('O2', '2026-11-05T09:00:00', a),
      anOrder('O3', '2026-11-06T09:00:00', a),
      anOrder('O4', '2026-11-06T10:00:00', a),
      anOrder('O5', '2026-11-01T09:00:00', a),
      o6,
      o6, // replay
      anOrder('O7', '2026-11-08T10:00:00', b),
      anOrder('O8', '2026-11-08T14:00:00', meizhuang),
      anOrder('O9', '2026-11-09T09:00:00', meizhuang),
    ],
    refunds: [
      step('RA1', 'requested', '2026-11-05T09:00:00', { ...a, order_id: 'O1', reason_code: 'quality' }),
      step('RA2', 'requested', '2026-11-06T09:00:00', { ...a, order_id: 'O2', reason_code: 'quality' }),
      step('RA2', 'cancelled', '2026-11-06T12:00:00', { ...a, order_id: 'O2', reason_code: 'quality' }),
      step('RA4a', 'requested', '2026-11-07T09:00:00', { ...a, order_id: 'O4', reason_code: 'size_fit' }),
      step('RA4b', 'requested', '2026-11-07T10:00:00', { ...a, order_id: 'O4', reason_code: 'quality' }),
      step('RA5', 'requested', '2026-11-05T09:00:00', { ...a, order_id: 'O5', reason_code: 'quality' }),
      step('RB6', 'requested', '2026-11-08T09:00:00', { ...b, order_id: 'O6', reason_code: 'changed_mind' }),
      step('RC8', 'requested', '2026-11-09T09:00:00', { ...meizhuang, order_id: 'O8', reason_code: 'dislike' }),
    ],
  });
  await insertRaw(tw.warehouse, { orders: [anOrder('O10', '2026-11-09T11:00:00', a)] });
  await refreshKpiFacts(tw.warehouse);
});
afterAll(async () => tw?.close());

describe('return rates by order-date cohort', () => {
  it('counts orders of the cohort with a refund that is not cancelled, whenever the refund came', async () => {
    expect(await returnSummary(tw.warehouse, W, {})).toEqual({
      orders: 9, // O1–O4, O6–O10 (O5 is before W; O6 counted once)
      refunded_orders: 5, // O1, O4, O6, O8, O10
      quality_refunded_orders: 2, // O1, O4
      return_rate: 5 / 9,
      quality_return_rate: 2 / 9,
    });
  });

  it('per SKU with the category baseline, sorted and paginated', async () => {
    const r = await returnRates(tw.warehouse, W, {}, undefined, 'sku', page);
    expect(r.total).toBe(3);
    expect(r.rows).toEqual([
      {
        key: 'SKU-A',
        category: '服饰',
        orders: 5,
        refunded_orders: 3,
        quality_refunded_orders: 2,
        return_rate: 0.6,
        quality_return_rate: 0.4,
        baseline_return_rate: 4 / 7, // 服饰: 7 orders, 4 refunded
        baseline_quality_return_rate: 2 / 7,
        title: null, // no order carried a product title
      },
      // B and C tie at 0.5: ties sort by key.
      expect.objectContaining({ key: 'SKU-B', orders: 2, refunded_orders: 1, return_rate: 0.5, baseline_return_rate: 4 / 7 }),
      expect.objectContaining({ key: 'SKU-C', category: '美妆', orders: 2, refunded_orders: 1, return_rate: 0.5, baseline_return_rate: 0.5 }),
    ]);
    const second = await returnRates(tw.warehouse, W, {}, undefined, 'sku', { ...page, limit: 1, offset: 1 });
    expect([second.total, second.rows.map((x) => x.key)]).toEqual([3, ['SKU-B']]);
    // Past the last page: no rows, and still the real total.
    const past = await returnRates(tw.warehouse, W, {}, undefined, 'sku', { ...page, limit: 2, offset: 4 });
    expect([past.total, past.rows]).toEqual([3, []]);
    const byOrders = await returnRates(tw.warehouse, W, {}, undefined, 'sku', { ...page, sort: 'orders', desc: false });
    expect(byOrders.rows.map((x) => x.key)).toEqual(['SKU-B', 'SKU-C', 'SKU-A']);
    const big = await returnRates(tw.warehouse, W, {}, undefined, 'sku', page, 3);
    expect(big.rows.map((x) => x.key)).toEqual(['SKU-A']);
  });

  it('per host, with the baseline mixed from the host’s categories', async () => {
    const r = await returnRates(tw.warehouse, W, {}, undefined, 'host', { ...page, sort: 'key', desc: false });
    expect(r.rows.map((x) => [x.key, x.orders, x.refunded_orders, x.return_rate])).toEqual([
      ['H1', 5, 3, 0.6],
      ['H2', 4, 2, 0.5],
    ]);
    expect(r.rows[0]!.baseline_return_rate).toBeCloseTo(4 / 7, 12);
    expect(r.rows[1]!.baseline_return_rate).toBeCloseTo((2 * (4 / 7) + 2 * 0.5) / 4, 12);
  });

  it('per category and per session, and filtered', async () => {
    const cats = await returnRates(tw.warehouse, W, {}, undefined, 'category', { ...page, sort: 'key', desc: false });
    expect(cats.rows.map((x) => [x.key, x.orders, x.refunded_orders, x.quality_refunded_orders])).toEqual([
      ['服饰', 7, 4, 2],
      ['美妆', 2, 1, 0],
    ]);
    const sessions = await returnRates(tw.warehouse, W, { host_id: 'H2' }, undefined, 'session', page);
    expect(sessions.rows.map((x) => [x.key, x.orders, x.refunded_orders])).toEqual([['L2', 4, 2]]);
    const cm = await returnRates(tw.warehouse, W, {}, { categories: ['美妆'] }, 'sku', page);
    expect(cm.rows.map((x) => x.key)).toEqual(['SKU-C']);
  });

  it('answers an empty window and a one-order window', async () => {
    expect(await returnSummary(tw.warehouse, win('2026-10-01T00:00:00', '2026-10-02T00:00:00'), {})).toEqual({
      orders: 0,
      refunded_orders: 0,
      quality_refunded_orders: 0,
      return_rate: null,
      quality_return_rate: null,
    });
    const one = await returnSummary(tw.warehouse, win('2026-11-08T14:00:00', '2026-11-08T15:00:00'), {});
    expect(one).toMatchObject({ orders: 1, refunded_orders: 1, return_rate: 1 });
  });

  it('reads whole days from the daily rollups and the hours around them from the hourly ones', async () => {
    // [11-06 12:00, 11-09 12:00): hours to 11-07, days 11-07 and 11-08, hours from 11-09.
    // Before it, [11-03 12:00, 11-06 12:00): hours to 11-04, days 11-04 and 11-05, hours from 11-06.
    const cur = win('2026-11-06T12:00:00', '2026-11-09T12:00:00');
    const { current, previous } = await returnSummaryPair(tw.warehouse, cur, win('2026-11-03T12:00:00', '2026-11-06T12:00:00'), {});
    expect([current.orders, current.refunded_orders, current.quality_refunded_orders]).toEqual([5, 3, 0]); // O6–O10; O6, O8, O10
    expect([previous.orders, previous.refunded_orders, previous.quality_refunded_orders]).toEqual([4, 2, 2]); // O1–O4; O1, O4
    // Every window agrees with the hour-by-hour trend, which reads the hourly rollups only.
    for (const w of [W, cur, win('2026-11-04T05:00:00', '2026-11-09T10:00:00'), win('2026-11-05T13:00:00', '2026-11-06T13:00:00')]) {
      const hourly = (await trend(tw.warehouse, 'return_rate', w, 'hour', 'UTC', {})).points;
      const sum = (k: 'numerator' | 'denominator') => hourly.reduce((n, p) => n + (p[k] ?? 0), 0);
      const r = await returnSummary(tw.warehouse, w, {});
      expect([r.refunded_orders, r.orders], JSON.stringify(w)).toEqual([sum('numerator'), sum('denominator')]);
      const bySku = await returnRates(tw.warehouse, w, {}, undefined, 'sku', page);
      expect(bySku.rows.reduce((n, x) => n + x.orders, 0)).toBe(r.orders);
    }
    expect((await returnSummary(tw.warehouse, win('2026-11-04T05:00:00', '2026-11-09T10:00:00'), {})).orders).toBe(8); // O10 at 11:00 is after
  });

  it('trends per order day', async () => {
    const t = await trend(tw.warehouse, 'return_rate', W, 'day', 'UTC', {});
    expect(t.points.map((p) => [p.bucket.slice(0, 10), p.numerator, p.denominator])).toEqual([
      ['2026-11-03', 0, 0],
      ['2026-11-04', 1, 1],
      ['2026-11-05', 0, 1],
      ['2026-11-06', 1, 2],
      ['2026-11-07', 1, 1],
      ['2026-11-08', 1, 2],
      ['2026-11-09', 1, 2],
    ]);
  });
});

describe('later changes', () => {
  it('a cancellation arriving on a later run takes the order out of the refunded count', async () => {
    const rows = async () => (await returnRates(tw.warehouse, W, {}, undefined, 'sku', { ...page, sort: 'key', desc: false })).rows;
    expect((await rows())[0]).toMatchObject({ key: 'SKU-A', refunded_orders: 3, quality_refunded_orders: 2 });
    await ingestAndRefresh(tw.warehouse, {
      refunds: [step('RA1', 'cancelled', '2026-11-05T12:00:00', { ...a, order_id: 'O1', reason_code: 'quality' })],
    });
    expect((await rows())[0]).toMatchObject({ key: 'SKU-A', orders: 5, refunded_orders: 2, quality_refunded_orders: 1 });
    // W is whole days: the daily rollup followed the change.
    expect(await returnSummary(tw.warehouse, W, {})).toMatchObject({ orders: 9, refunded_orders: 4, quality_refunded_orders: 1 });
    const stored = await tw.warehouse.client
      .query({ query: "SELECT count() AS n FROM cohort_rollup FINAL WHERE sku_id = 'SKU-A'", format: 'JSONEachRow' })
      .then((r) => r.json<{ n: string }>());
    expect(Number(stored[0]!.n)).toBeGreaterThan(0);
  });
});

describe('day trends', () => {
  it('read whole days from the daily rollups and agree with the hourly trend, in either zone', async () => {
    // Orders in the UTC evening (16:00–24:00), which is the next day in Shanghai: the hours the
    // daily read has to move to the next bucket. Shop S-TZ only, so the tests above are untouched.
    const tz8 = { ...a, shop_id: 'S-TZ', sku_id: 'SKU-TZ' };
    await ingestAndRefresh(tw.warehouse, {
      orders: [anOrder('OT1', '2026-11-05T17:00:00', tz8), anOrder('OT2', '2026-11-05T23:00:00', tz8), anOrder('OT3', '2026-11-06T02:00:00', tz8)],
      refunds: [step('RT1', 'requested', '2026-11-06T09:00:00', { ...tz8, order_id: 'OT1', reason_code: 'quality' })],
    });
    for (const tz of ['UTC', 'Asia/Shanghai'] as const) {
      const offset = tz === 'UTC' ? 0 : 8 * 3_600_000;
      const dayOf = (iso: string) => new Date(Math.floor((Date.parse(iso) + offset) / 86_400_000) * 86_400_000 - offset).toISOString();
      for (const w of [W, win('2026-11-04T05:00:00', '2026-11-09T10:00:00'), win('2026-11-05T13:00:00', '2026-11-06T13:00:00')]) {
        for (const metric of ['return_rate', 'quality_return_rate']) {
          // The hourly trend reads hourly rollups only; add its points up per day in the zone.
          const expected = new Map<string, [number, number]>();
          for (const p of (await trend(tw.warehouse, metric, w, 'hour', tz, {})).points) {
            const [n, d] = expected.get(dayOf(p.bucket)) ?? [0, 0];
            expected.set(dayOf(p.bucket), [n + (p.numerator ?? 0), d + (p.denominator ?? 0)]);
          }
          const days = (await trend(tw.warehouse, metric, w, 'day', tz, {})).points;
          expect(days.map((p) => [p.bucket, p.numerator, p.denominator]), `${metric} ${tz} ${JSON.stringify(w)}`).toEqual(
            [...expected].map(([bucket, [n, d]]) => [bucket, n, d]),
          );
        }
      }
    }
    // In Shanghai all three are orders of 11-06 (bucket from 11-05 16:00Z); in UTC two are of 11-05.
    const shop = { shop_id: 'S-TZ' };
    const sh = (await trend(tw.warehouse, 'return_rate', W, 'day', 'Asia/Shanghai', shop)).points.filter((p) => p.denominator);
    expect(sh.map((p) => [p.bucket, p.numerator, p.denominator])).toEqual([['2026-11-05T16:00:00.000Z', 1, 3]]);
    const utc = (await trend(tw.warehouse, 'return_rate', W, 'day', 'UTC', shop)).points.filter((p) => p.denominator);
    expect(utc.map((p) => [p.bucket, p.numerator, p.denominator])).toEqual([
      ['2026-11-05T00:00:00.000Z', 1, 2],
      ['2026-11-06T00:00:00.000Z', 0, 1],
    ]);
  });
});
