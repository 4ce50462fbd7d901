import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestWarehouse, type TestWarehouse } from '../test/helpers/test-warehouse.ts';
import { backlogShipments } from './backlog-shipments.ts';
import { logisticsNational, logisticsRegions } from './logistics.ts';
import { refreshKpiFacts } from './refresh.ts';
import { takeSnapshot } from './snapshot.ts';
import { trend, TrendRequestError } from './trends.ts';
import { overview } from './overview.ts';
import { aScan, anOrder, ingestAndRefresh, insertRaw, win } from '../test/kpi/test-support.ts';

/**
 * Outbound logistics, now = 11-10 12:00 UTC, window W = [11-09 00:00, 11-10 12:00):
 *
 *   SH1 广东 promised 11-09 12:00, delivered 11-09 08:00        due, on time
 *   SH2 广东 promised 11-09 12:00, delivered 11-09 20:00        due, late
 *   SH3 广东 promised 11-10 06:00, last scan in_transit 11-09 10:00   due, not delivered → late (26 h silent: not stalled)
 *   SH4 四川 promised 11-09 18:00, delivered 11-09 17:00 (scans sent twice; its order arrives later)   due, on time
 *   SH5 四川 created 11-07 09:00 only, promised 11-11           not due; stalled and pickup overdue
 *   SH6 四川 promised 11-08, in_transit 11-08 06:00             not due in W; stalled (54 h)
 *   SH7 广东 return shipment, promised 11-09 12:00, undelivered  not outbound
 *   SH8 广东 promised 11-09 10:00, re-promised 11-10 20:00       the latest promise wins: not due yet
 * SH1–SH3, SH7, SH8 belong to orders of shop S1 / 服饰 / H1; SH4–SH6 to S2 / 美妆 / H2.
 */
const now = new Date('2026-11-10T12:00:00Z');
const W = win('2026-11-09T00:00:00', '2026-11-10T12:00:00');
const gd = { dest_region: '广东省' };
const sc = { dest_region: '四川' }; // short name: stored as 510000
const p = (t: string) => ({ promised_at: `${t}Z` });

let tw: TestWarehouse;

beforeAll(async () => {
  tw = await openTestWarehouse();
  const s1 = { category: '服饰', host_id: 'H1', shop_id: 'S1' };
  const s2 = { category: '美妆', host_id: 'H2', shop_id: 'S2', live_session_id: 'L2' };
  const sh4 = [
    aScan('SH4', 'created', '2026-11-07T08:00:00', { ...sc, ...p('2026-11-09T18:00:00') }),
    aScan('SH4', 'picked_up', '2026-11-07T12:00:00', { ...sc, ...p('2026-11-09T18:00:00') }),
    aScan('SH4', 'delivered', '2026-11-09T17:00:00', { ...sc, ...p('2026-11-09T18:00:00') }),
  ];
  await ingestAndRefresh(tw.warehouse, {
    orders: ['SH1', 'SH2', 'SH3', 'SH7', 'SH8'].map((s) => anOrder(`O-${s}`, '2026-11-06T09:00:00', s1)).concat(
      ['SH5', 'SH6'].map((s) => anOrder(`O-${s}`, '2026-11-06T09:00:00', s2)),
    ),
    scans: [
      aScan('SH1', 'picked_up', '2026-11-07T10:00:00', { ...gd, ...p('2026-11-09T12:00:00') }),
      aScan('SH1', 'delivered', '2026-11-09T08:00:00', { ...gd, ...p('2026-11-09T12:00:00') }),
      aScan('SH2', 'picked_up', '2026-11-07T10:00:00', { ...gd, ...p('2026-11-09T12:00:00') }),
      aScan('SH2', 'delivered', '2026-11-09T20:00:00', { ...gd, ...p('2026-11-09T12:00:00') }),
      aScan('SH3', 'in_transit', '2026-11-09T10:00:00', { ...gd, ...p('2026-11-10T06:00:00') }),
      ...sh4,
      ...sh4,
      aScan('SH5', 'created', '2026-11-07T09:00:00', { ...sc, ...p('2026-11-11T09:00:00') }),
      aScan('SH6', 'in_transit', '2026-11-08T06:00:00', { ...sc, ...p('2026-11-08T20:00:00') }),
      aScan('SH7', 'picked_up', '2026-11-08T10:00:00', { ...gd, ...p('2026-11-09T12:00:00'), direction: 'return' }),
      aScan('SH8', 'picked_up', '2026-11-08T10:00:00', { ...gd, ...p('2026-11-09T10:00:00') }),
      aScan('SH8', 'exception', '2026-11-09T09:00:00', { ...gd, ...p('2026-11-10T20:00:00'), exception_code: 'weather' }),
    ],
  });
  await insertRaw(tw.warehouse, { orders: [anOrder('O-SH4', '2026-11-06T09:00:00', s2)] });
  await refreshKpiFacts(tw.warehouse);
});
afterAll(async () => tw?.close());

describe('logistics delay', () => {
  it('national: due in the window, late or undelivered past the promise; stalled and pickup overdue now', async () => {
    expect(await logisticsNational(tw.warehouse, W, {}, undefined, { now })).toEqual({
      due: 4, // SH1 SH2 SH3 SH4
      delayed: 2, // SH2 SH3
      delay_rate: 0.5,
      stalled: 2, // SH5 SH6
      pickup_overdue: 1, // SH5
    });
  });

  it('per destination region beside the national rate', async () => {
    const r = await logisticsRegions(tw.warehouse, W, {}, undefined, { limit: 50, offset: 0, sort: 'delay_rate', desc: true }, { now });
    expect(r.national.delay_rate).toBe(0.5);
    expect(r.regions.total).toBe(2);
    expect(r.regions.rows.map(({ verdict: _, ...row }) => row)).toEqual([
      { region_code: '440000', region_name: '广东省', due: 3, delayed: 2, delay_rate: 2 / 3, stalled: 0, pickup_overdue: 0, vs_national: 4 / 3 },
      { region_code: '510000', region_name: '四川省', due: 1, delayed: 0, delay_rate: 0, stalled: 2, pickup_overdue: 1, vs_national: 0 },
    ]);
    // Each row judged by the regional-delay rule's test against the rest of the country: 3 due
    // are far under its 50, 广东 has the other region's 0 of 1 as its baseline.
    expect(r.regions.rows.map((x) => [x.verdict.level, x.verdict.n, x.verdict.k, x.verdict.baseline])).toEqual([
      ['too_few', 3, 2, 0],
      ['too_few', 1, 0, 2 / 3],
    ]);
    const one = await logisticsRegions(tw.warehouse, W, {}, undefined, { limit: 50, offset: 0, sort: 'due', desc: false }, { now, region: '510000' });
    expect(one.regions.rows.map((x) => x.region_code)).toEqual(['510000']);
    expect(one.national).toEqual(r.national); // national ignores the region filter
    // National figures add up every region, not only the page's; the total is the real one on
    // every page, past the last one too.
    const national = { due: 4, delayed: 2, delay_rate: 0.5, stalled: 2, pickup_overdue: 1 };
    for (const offset of [0, 1, 5]) {
      const page = await logisticsRegions(tw.warehouse, W, {}, undefined, { limit: 1, offset, sort: 'region', desc: false }, { now });
      expect([page.national, page.regions.total, page.regions.rows.length], `offset ${offset}`).toEqual([national, 2, offset < 2 ? 1 : 0]);
    }
  });

  it('filters through the order: category, host, and an order that arrived after its shipment', async () => {
    expect(await logisticsNational(tw.warehouse, W, { category: '美妆' }, undefined, { now })).toEqual({
      due: 1,
      delayed: 0,
      delay_rate: 0,
      stalled: 2,
      pickup_overdue: 1,
    });
    expect((await logisticsNational(tw.warehouse, W, {}, { host_id: 'H1' }, { now })).due).toBe(3);
  });

  it('return shipments on request, and an empty window', async () => {
    expect((await logisticsNational(tw.warehouse, W, {}, undefined, { now, direction: 'return' })).due).toBe(1);
    const empty = await logisticsNational(tw.warehouse, win('2026-10-01T00:00:00', '2026-10-02T00:00:00'), {}, undefined, { now });
    expect(empty).toMatchObject({ due: 0, delayed: 0, delay_rate: null });
  });

  it('a promise in the future is not due, whatever the window', async () => {
    const future = win('2026-11-10T00:00:00', '2026-11-12T00:00:00');
    // SH3 (06:00) is due; SH8 (20:00) and SH5 (11-11) are not, at 12:00.
    expect((await logisticsNational(tw.warehouse, future, {}, undefined, { now })).due).toBe(1);
  });
});

describe('backlog history from snapshots', () => {
  it('records stalled and pickup-overdue counts per platform and category, and charts them', async () => {
    await takeSnapshot(tw.warehouse, now);
    await takeSnapshot(tw.warehouse, new Date(now.getTime() - 2 * 3600_000));
    const w = win('2026-11-10T09:00:00', '2026-11-10T13:00:00');
    const all = await trend(tw.warehouse, 'stalled_shipments', w, 'hour', 'UTC', {});
    // 10:00 snapshot: SH5 (silent since 11-07 09:00) and SH6 (since 11-08 06:00) are both past 48 h.
    expect(all.points.map((p) => [p.bucket.slice(11, 16), p.value])).toEqual([
      ['09:00', null],
      ['10:00', 2],
      ['11:00', null],
      ['12:00', 2],
    ]);
    const cat = await trend(tw.warehouse, 'pickup_overdue', w, 'hour', 'UTC', { category: '美妆' });
    expect(cat.points.map((p) => p.value)).toEqual([null, 1, null, 1]);
    const none = await trend(tw.warehouse, 'pickup_overdue', w, 'hour', 'UTC', { category: '服饰' });
    expect(none.points.map((p) => p.value)).toEqual([null, 0, null, 0]);
    await expect(trend(tw.warehouse, 'stalled_shipments', w, 'hour', 'UTC', { host_id: 'H1' })).rejects.toBeInstanceOf(TrendRequestError);
  });

  it('gives the overview its backlog "previous" from the snapshot at the window start', async () => {
    const o = await overview(tw.warehouse, win('2026-11-10T10:00:00', '2026-11-10T12:00:00'), {}, {}, { now });
    const t = (k: string) => o.tiles.find((x) => x.key === k)!;
    expect([t('stalled_shipments').value, t('stalled_shipments').previous]).toEqual([2, 2]);
    expect([t('pickup_overdue').value, t('pickup_overdue').previous]).toEqual([1, 1]);
    // Due in [10:00, 12:00): SH3 (06:00) is before; none. Previous [08:00, 10:00): nothing either.
    expect([t('delay_rate').value, t('delay_rate').previous]).toEqual([null, null]);
    const hostScoped = await overview(tw.warehouse, win('2026-11-10T10:00:00', '2026-11-10T12:00:00'), {}, { host_id: 'H2' }, { now });
    expect(hostScoped.tiles.find((x) => x.key === 'stalled_shipments')!.previous).toBeNull(); // no per-host history
  });
});

describe('the shipments behind the backlog counts', () => {
  const page = { limit: 50, offset: 0, sort: 'hours_waited', desc: true };
  const list = (kind: 'stalled' | 'pickup_overdue', filter = {}, p = page, region?: string) =>
    backlogShipments(tw.warehouse, kind, filter, undefined, p, { now, ...(region ? { region } : {}) });

  it('lists stalled shipments, longest wait first, with the times the wait counts from', async () => {
    const r = await list('stalled');
    expect(r.total).toBe(2);
    expect(r.rows.map((x) => [x.shipment_id, x.order_id, x.region_code, x.region_name, x.last_status, x.waiting_since, x.hours_waited])).toEqual([
      ['SH5', 'O-SH5', '510000', '四川省', 'created', '2026-11-07T09:00:00.000Z', 75], // silent since its creation
      ['SH6', 'O-SH6', '510000', '四川省', 'in_transit', '2026-11-08T06:00:00.000Z', 54],
    ]);
    expect(r.rows[1]).toMatchObject({ category: '美妆', host_id: 'H2', shop_id: 'S2', picked_up_at: '2026-11-08T06:00:00.000Z', created_at: null });
    expect(r.rows[0]!.carrier).toEqual(expect.any(String));
  });

  it('lists pickups overdue from the creation scan', async () => {
    const r = await list('pickup_overdue');
    expect([r.total, r.rows.map((x) => [x.shipment_id, x.created_at, x.picked_up_at, x.hours_waited])]).toEqual([
      1,
      [['SH5', '2026-11-07T09:00:00.000Z', null, 75]],
    ]);
  });

  it("totals equal the logistics endpoint's counts for the same filters", async () => {
    for (const filter of [{}, { category: '美妆' }, { category: '服饰' }, { host_id: 'H2' }, { live_session_id: 'L2' }, { shop_id: 'S1' }]) {
      const counts = await logisticsNational(tw.warehouse, W, filter, undefined, { now });
      expect([(await list('stalled', filter)).total, (await list('pickup_overdue', filter)).total], JSON.stringify(filter)).toEqual([
        counts.stalled,
        counts.pickup_overdue,
      ]);
    }
    expect((await list('stalled', {}, page, '440000')).total).toBe(0);
    expect((await list('stalled', {}, page, '510000')).total).toBe(2);
  });

  it('sorts and paginates, and a page past the end still carries the total', async () => {
    const asc = await list('stalled', {}, { ...page, desc: false });
    expect(asc.rows.map((x) => x.shipment_id)).toEqual(['SH6', 'SH5']);
    const byId = await list('stalled', {}, { limit: 1, offset: 1, sort: 'shipment_id', desc: true });
    expect([byId.total, byId.rows.map((x) => x.shipment_id)]).toEqual([2, ['SH5']]);
    const past = await list('stalled', {}, { ...page, offset: 10 });
    expect([past.total, past.rows]).toEqual([2, []]);
  });
});
