import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestWarehouse, type TestWarehouse } from '../test/helpers/test-warehouse.ts';
import { logisticsNationalPairRead } from './logistics.ts';
import { runKpiRead, runKpiReads, type KpiRead } from './read-batch.ts';
import { refundSummaryPairRead } from './refund-flow.ts';
import { returnSummaryPairRead } from './return-rates.ts';
import { aScan, anOrder, ingestAndRefresh, step, win } from '../test/kpi/test-support.ts';

/**
 * runKpiReads sends several reads as one query: each part must get its own parameters (the
 * parts below use the same names with different values) and its own rows back.
 */
const D = '2026-11-10T';
const A = { shop_id: 'S1', category: '服饰', host_id: 'H1', live_session_id: 'L1' };
const B = { shop_id: 'S2', category: '美妆', host_id: 'H2', live_session_id: 'L2' };
const W = win(`${D}00:00:00`, '2026-11-11T00:00:00');
const NOW = new Date('2026-11-11T00:00:00Z');

let tw: TestWarehouse;
beforeAll(async () => {
  tw = await openTestWarehouse();
  await ingestAndRefresh(tw.warehouse, {
    orders: [anOrder('O-R1', `${D}00:30:00`, A), anOrder('O-R2', `${D}01:30:00`, B), anOrder('O-P1', `${D}02:00:00`, A)],
    refunds: [
      step('R1', 'requested', `${D}01:00:00`, { ...A, type: 'refund_only' }),
      step('R1', 'rejected', `${D}02:00:00`, { ...A, type: 'refund_only' }),
      step('R2', 'requested', `${D}03:17:00`, { ...B, type: 'refund_only' }),
      step('R2', 'approved', `${D}04:00:00`, { ...B, type: 'refund_only' }),
      step('R2', 'refunded', `${D}05:45:00`, { ...B, type: 'refund_only' }),
    ],
    scans: [aScan('P1', 'created', `${D}02:00:00`, { ...A, promised_at: `${D}10:00:00Z` })],
  });
}, 120_000);
afterAll(async () => tw?.close());

describe('runKpiReads', () => {
  it('answers every read as it answers alone, each with its own parameters', async () => {
    const wh = tw.warehouse;
    const reads = [
      refundSummaryPairRead(W, null, {}),
      refundSummaryPairRead(win(`${D}03:00:00`, `${D}06:00:00`), null, { shop_id: 'S2' }),
      refundSummaryPairRead(W, null, { host_id: 'H1' }),
      returnSummaryPairRead(W, null, {}),
      logisticsNationalPairRead(W, null, {}, undefined, { now: NOW }),
      refundSummaryPairRead(W, null, { sku_id: 'none-such' }), // the facts' file; no rows
    ] as const;
    const alone = [];
    for (const r of reads) alone.push(await runKpiRead(wh, r as KpiRead<unknown, never>));
    const batched = await runKpiReads(wh, reads);
    expect(batched).toEqual(alone);
    // The parts really differ, so a mix-up of their parameters or rows would show.
    expect(batched[0].current.requests).toBe(2);
    expect(batched[1].current).toMatchObject({ requests: 1, refunded: 1, processing_time_mean_s: 2 * 3600 + 28 * 60 });
    expect(batched[2].current).toMatchObject({ requests: 1, rejected: 1, refunded: 0 });
    expect(batched[3].current.orders).toBe(3);
    expect(batched[4].current.due).toBe(1);
    expect(batched[5].current.requests).toBe(0);
  });

  it('fails the whole batch with the engine error when one read is wrong', async () => {
    const wrong: KpiRead<null> = { name: 'kpi/overview_meta', params: {}, decode: () => null };
    await expect(runKpiReads(tw.warehouse, [refundSummaryPairRead(W, null, {}), wrong])).rejects.toThrow(/r1_/);
  });
});
