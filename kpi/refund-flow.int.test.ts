import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestWarehouse, type TestWarehouse } from '../test/helpers/test-warehouse.ts';
import type { RefundEvent } from '../contracts/index.ts';
import { overview } from './overview.ts';
import { csat, reasonDistribution, refundStages, refundSummary } from './refund-flow.ts';
import { ingestAndRefresh, step, win } from '../test/kpi/test-support.ts';
import { takeSnapshot } from './snapshot.ts';
import { trend } from './trends.ts';
import { queryRows } from '../warehouse/client.ts';

/**
 * Refund-flow KPIs on a hand-computed stream (window W = 2026-11-10, UTC):
 *
 *   R1 refund_only   requested 01:00, auto_approved 01:00:30, refunded 03:00  (every step sent twice)
 *   R2 return_refund requested 02:00, approved 04:00, shipped 06:00, received 08:00, refunded 10:00 (arrives backwards)
 *   R3 return_refund requested 03:00, rejected 05:00
 *   R4 refund_only   requested 04:00, cancelled 06:00
 *   R5 return_refund requested 05:00, timeout_approved 07:00, shipped 09:00 (still open: in transit)
 *   R6 refund_only   requested 11-09 20:00, approved 11-09 22:00, refunded 02:00 (request before W)
 *   R7 refund_only   requested 06:00 (and again 06:30), approved 07:00, refunded 12:00, rated 5 at 13:00
 *   R8 refund_only   requested 07:00, auto_approved 07:00:10, refunded 09:00, rated 2 at 10:00, re-rated 4 at 11:00
 *   R9 return_refund requested 11-11 01:00 (after W; open, awaiting a decision)
 * R1–R4 and R9: shop S1 / 服饰 / host H1 / session L1; R5–R8: S2 / 美妆 / H2 / L2.
 */
const D = '2026-11-10T';
const A = { shop_id: 'S1', category: '服饰', host_id: 'H1', live_session_id: 'L1' };
const B = { shop_id: 'S2', category: '美妆', host_id: 'H2', live_session_id: 'L2' };
const only = { type: 'refund_only' } as const;
const ret = { type: 'return_refund' } as const;

function stream(): { first: RefundEvent[]; second: RefundEvent[] } {
  const r1 = [
    step('R1', 'requested', `${D}01:00:00`, { ...A, ...only, reason_code: 'changed_mind' }),
    step('R1', 'auto_approved', `${D}01:00:30`, { ...A, ...only, reason_code: 'changed_mind', actor: 'system', rule_id: 'std' }),
    step('R1', 'refunded', `${D}03:00:00`, { ...A, ...only, reason_code: 'changed_mind', actor: 'system' }),
  ];
  const r2 = [
    step('R2', 'refunded', `${D}10:00:00`, { ...A, ...ret, reason_code: 'quality' }),
    step('R2', 'merchant_received', `${D}08:00:00`, { ...A, ...ret, reason_code: 'quality' }),
    step('R2', 'buyer_shipped', `${D}06:00:00`, { ...A, ...ret, reason_code: 'quality' }),
    step('R2', 'approved', `${D}04:00:00`, { ...A, ...ret, reason_code: 'quality' }),
    step('R2', 'requested', `${D}02:00:00`, { ...A, ...ret, reason_code: 'quality' }),
  ];
  const r4req = step('R4', 'requested', `${D}04:00:00`, { ...A, ...only, reason_code: 'quality' });
  const first = [
    ...r1,
    ...r1, // replayed: the same event ids again
    r2[0]!, // R2 starts with its last step; the rest arrives in the second batch, backwards
    step('R3', 'requested', `${D}03:00:00`, { ...A, ...ret }),
    r4req,
    step('R5', 'requested', `${D}05:00:00`, { ...B, ...ret, reason_code: 'quality' }),
    step('R5', 'timeout_approved', `${D}07:00:00`, { ...B, ...ret, reason_code: 'quality', actor: 'system' }),
    step('R6', 'requested', '2026-11-09T20:00:00', { ...B, ...only }),
    step('R6', 'approved', '2026-11-09T22:00:00', { ...B, ...only }),
    step('R7', 'requested', `${D}06:00:00`, { ...B, ...only, reason_code: 'damaged' }),
    step('R8', 'requested', `${D}07:00:00`, { ...B, ...only, reason_code: 'changed_mind' }),
  ];
  const second = [
    ...r2.slice(1),
    step('R3', 'rejected', `${D}05:00:00`, { ...A, ...ret, reject_reason: 'used' }),
    r4req, // replay
    step('R4', 'cancelled', `${D}06:00:00`, { ...A, ...only, reason_code: 'quality' }),
    step('R5', 'buyer_shipped', `${D}09:00:00`, { ...B, ...ret, reason_code: 'quality' }),
    step('R6', 'refunded', `${D}02:00:00`, { ...B, ...only, actor: 'system' }),
    step('R7', 'requested', `${D}06:30:00`, { ...B, ...only, reason_code: 'damaged' }),
    step('R7', 'approved', `${D}07:00:00`, { ...B, ...only, reason_code: 'damaged' }),
    step('R7', 'refunded', `${D}12:00:00`, { ...B, ...only, reason_code: 'damaged', actor: 'system' }),
    step('R7', 'rated', `${D}13:00:00`, { ...B, ...only, reason_code: 'damaged', csat: 5 }),
    step('R8', 'auto_approved', `${D}07:00:10`, { ...B, ...only, reason_code: 'changed_mind', actor: 'system' }),
    step('R8', 'refunded', `${D}09:00:00`, { ...B, ...only, reason_code: 'changed_mind', actor: 'system' }),
    step('R8', 'rated', `${D}11:00:00`, { ...B, ...only, reason_code: 'changed_mind', csat: 4 }),
    step('R8', 'rated', `${D}10:00:00`, { ...B, ...only, reason_code: 'changed_mind', csat: 2 }),
    step('R9', 'requested', '2026-11-11T01:00:00', { ...A, ...ret }),
  ];
  return { first, second };
}

let tw: TestWarehouse;
const W = win(`${D}00:00:00`, '2026-11-11T00:00:00');

beforeAll(async () => {
  tw = await openTestWarehouse();
  const { first, second } = stream();
  // Two runs of the job, as two scheduler ticks would see the stream.
  await ingestAndRefresh(tw.warehouse, { refunds: first });
  await ingestAndRefresh(tw.warehouse, { refunds: second });
});
afterAll(async () => tw?.close());

describe('refund summary', () => {
  it('counts each KPI at its own moment, exactly, despite replays, reordering and cancellation', async () => {
    const s = await refundSummary(tw.warehouse, W, {});
    // Interpolated percentiles are floating point: compare those to 9 decimals.
    expect(s.processing_time_p90_s).toBeCloseTo(25_920, 9); // 21600 + 0.6 × 7200
    expect(s).toEqual({
      requests: 6, // R1 R2 R3 R5 R7 R8 (R4 cancelled, R6 before W, R9 after)
      auto_approved: 2,
      timeout_approved: 1,
      cancelled_requests: 1,
      automation_share: 2 / 6,
      timeout_share: 1 / 6,
      decided: 6, // R1 R2 R3 R5 R7 R8 (R6 decided the day before)
      rejected: 1,
      rejection_rate: 1 / 6,
      closed: 7, // R1 R2 R6 R7 R8 refunded, R3 rejected, R4 cancelled
      closed_refunded: 5,
      closed_rejected: 1,
      closed_cancelled: 1,
      success_rate: 5 / 7,
      refunded: 5, // 2 h, 8 h, 6 h (R6, requested before W), 6 h, 2 h
      processing_time_mean_s: 86_400 / 5,
      processing_time_p50_s: 21_600,
      processing_time_p90_s: s.processing_time_p90_s,
      ratings: 2, // R7: 5; R8: its latest rating, 4
      csat_mean: 4.5,
      csat_share_4_5: 1,
    });
  });

  it('filters by host and category', async () => {
    expect((await refundSummary(tw.warehouse, W, { host_id: 'H2' })).requests).toBe(3);
    expect((await refundSummary(tw.warehouse, W, { category: '服饰' })).requests).toBe(3);
    expect((await refundSummary(tw.warehouse, W, { live_session_id: 'L1', shop_id: 'S1' })).closed).toBe(4);
    expect((await refundSummary(tw.warehouse, W, { shop_id: 'S1', host_id: 'H2' })).requests).toBe(0);
  });

  it('answers zeros and nulls for an empty window, and single values for a one-row window', async () => {
    const empty = await refundSummary(tw.warehouse, win('2026-11-01T00:00:00', '2026-11-02T00:00:00'), {});
    expect(empty).toMatchObject({ requests: 0, rejection_rate: null, success_rate: null, processing_time_p50_s: null, csat_mean: null });
    const one = await refundSummary(tw.warehouse, win(`${D}02:00:00`, `${D}02:30:00`), {});
    // Only R2's request and R6's completion (6 h) fall in [02:00, 02:30).
    expect(one).toMatchObject({ requests: 1, refunded: 1, processing_time_mean_s: 21_600, processing_time_p50_s: 21_600, processing_time_p90_s: 21_600 });
  });
});

describe('overview', () => {
  it('puts each tile beside its value over the previous period', async () => {
    const o = await overview(tw.warehouse, W, {});
    const t = (k: string) => o.tiles.find((x) => x.key === k)!;
    expect(o.previous_window).toEqual({ from: '2026-11-09T00:00:00.000Z', to: '2026-11-10T00:00:00.000Z' });
    expect([t('refund_requests').value, t('refund_requests').previous]).toEqual([6, 1]); // R6 was requested on 11-09
    expect([t('rejection_rate').value, t('rejection_rate').previous]).toEqual([1 / 6, 0]); // R6 approved on 11-09
    expect([t('success_rate').numerator, t('success_rate').denominator, t('success_rate').previous]).toEqual([5, 7, null]);
    expect(t('processing_time_p50_s')).toMatchObject({ value: 21_600, previous: null, denominator: 5 });
    expect(t('return_rate_7d').window).toEqual({ from: '2026-11-04T00:00:00.000Z', to: '2026-11-11T00:00:00.000Z' });
  });
});

describe('stages', () => {
  it('measures each stage that ended in the window and names the slowest (highest p90)', async () => {
    const s = await refundStages(tw.warehouse, W, {}, {}, { now: new Date('2026-11-12T10:00:00Z') });
    expect(s.bottleneck).toBe('money_back');
    const by = Object.fromEntries(s.stages.map((x) => [x.stage, x]));
    // decision: R8 10 s, R1 30 s, R7 1 h, R2 R3 R5 2 h
    expect(by.decision).toMatchObject({ completed: 6, p50_s: 5_400, p90_s: 7_200, max_s: 7_200 });
    expect(by.decision!.mean_s).toBeCloseTo(25_240 / 6, 9);
    expect(by.ship_back).toMatchObject({ completed: 2, p50_s: 7_200 }); // R2, R5
    expect(by.transit).toMatchObject({ completed: 1, p50_s: 7_200 }); // R2
    // money_back: R1 7170, R8 7190, R2 7200, R6 14400, R7 18000
    expect(by.money_back).toMatchObject({ completed: 5, p50_s: 7_200, p90_s: 16_560 });
    // Waiting now: R5 in transit since 11-10 09:00 (49 h, past the 48 h SLA); R9 for a decision since 11-11 01:00.
    expect(by.transit).toMatchObject({ waiting: 1, oldest_wait_s: 49 * 3600, waiting_over_sla: 1 });
    expect(by.decision).toMatchObject({ waiting: 1, oldest_wait_s: 33 * 3600, waiting_over_sla: 0 });
    expect(by.ship_back!.waiting + by.money_back!.waiting).toBe(0);
  });

  it('names no bottleneck when nothing completed', async () => {
    const s = await refundStages(tw.warehouse, win('2026-11-01T00:00:00', '2026-11-02T00:00:00'), {});
    expect(s.bottleneck).toBeNull();
  });
});

describe('reasons and CSAT', () => {
  it('distributes the requests of the window (not cancelled) over reason codes', async () => {
    const page = { limit: 50, offset: 0, sort: 'count', desc: true };
    const r = await reasonDistribution(tw.warehouse, W, {}, undefined, 'none', page);
    expect(r.total).toBe(4);
    expect(r.rows.map((x) => [x.reason_code, x.count, x.share])).toEqual([
      ['changed_mind', 2, 2 / 6],
      ['quality', 2, 2 / 6],
      ['damaged', 1, 1 / 6],
      ['size_fit', 1, 1 / 6],
    ]);
    const byCat = await reasonDistribution(tw.warehouse, W, {}, undefined, 'category', { ...page, sort: 'key', desc: false });
    expect(byCat.rows.map((x) => [x.key, x.reason_code, x.count, x.share])).toEqual([
      ['服饰', 'changed_mind', 1, 1 / 3],
      ['服饰', 'quality', 1, 1 / 3],
      ['服饰', 'size_fit', 1, 1 / 3],
      ['美妆', 'changed_mind', 1, 1 / 3],
      ['美妆', 'damaged', 1, 1 / 3],
      ['美妆', 'quality', 1, 1 / 3],
    ]);
    const second = await reasonDistribution(tw.warehouse, W, {}, undefined, 'category', { limit: 2, offset: 2, sort: 'key', desc: false });
    expect(second.total).toBe(6);
    expect(second.rows.map((x) => [x.key, x.reason_code])).toEqual([
      ['服饰', 'size_fit'],
      ['美妆', 'changed_mind'],
    ]);
    // A page past the last one has no rows, but its total is still the real one.
    const past = await reasonDistribution(tw.warehouse, W, {}, undefined, 'category', { limit: 2, offset: 8, sort: 'key', desc: false });
    expect([past.total, past.rows]).toEqual([6, []]);
  });

  it('takes the latest rating of each refund', async () => {
    expect(await csat(tw.warehouse, W, {})).toEqual({
      ratings: 2,
      mean: 4.5,
      share_4_5: 1,
      distribution: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 1 },
    });
  });
});

describe('trends', () => {
  it('buckets the same definitions by hour, with empty buckets present', async () => {
    const t = await trend(tw.warehouse, 'refund_requests', win(`${D}00:00:00`, `${D}08:00:00`), 'hour', 'UTC', {});
    expect(t.points.map((p) => p.value)).toEqual([0, 1, 1, 1, 0, 1, 1, 1]);
    const minutes = await trend(tw.warehouse, 'refund_requests', win(`${D}00:59:00`, `${D}01:02:00`), 'minute', 'UTC', {});
    expect(minutes.points.map((p) => [p.bucket.slice(11, 16), p.value])).toEqual([
      ['00:59', 0],
      ['01:00', 1],
      ['01:01', 0],
    ]);
    const rej = await trend(tw.warehouse, 'rejection_rate', W, 'day', 'UTC', {});
    expect(rej.points).toEqual([{ bucket: '2026-11-10T00:00:00.000Z', value: 1 / 6, numerator: 1, denominator: 6 }]);
    const shanghai = await trend(tw.warehouse, 'refund_requests', W, 'day', 'Asia/Shanghai', {});
    // Shanghai days start at 16:00 UTC: R1–R8's requests (01:00–07:00 UTC) fall on the day starting 11-09 16:00.
    expect(shanghai.points.map((p) => [p.bucket, p.value])).toEqual([
      ['2026-11-09T16:00:00.000Z', 6],
      ['2026-11-10T16:00:00.000Z', 0],
    ]);
  });
});

describe('snapshots', () => {
  it('record the trailing-24 h KPIs for the platform and per category', async () => {
    await takeSnapshot(tw.warehouse, new Date('2026-11-11T00:00:00Z'));
    const rows = await queryRows<{ scope: string; scope_value: string; metric: string; value: number | null; numerator: number | null; denominator: number | null }>(
      tw.warehouse.client,
      "SELECT scope, scope_value, toString(metric) AS metric, value, numerator, denominator FROM kpi_snapshots FINAL WHERE taken_at = '2026-11-11 00:00:00'",
    );
    const get = (scope: string, value: string, metric: string) => rows.find((r) => r.scope === scope && r.scope_value === value && r.metric === metric);
    expect(get('all', '', 'refund_requests')?.value).toBe(6);
    expect(get('all', '', 'rejection_rate')).toMatchObject({ value: 1 / 6, numerator: 1, denominator: 6 });
    expect(get('all', '', 'processing_time_p50_s')?.value).toBe(21_600);
    expect(get('all', '', 'csat_mean')?.value).toBe(4.5);
    expect(get('category', '美妆', 'refund_requests')?.value).toBe(3);
    expect(get('category', '服饰', 'success_rate')).toMatchObject({ numerator: 2, denominator: 4 }); // R1 R2 refunded; R3 rejected; R4 cancelled
  });
});
