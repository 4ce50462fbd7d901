import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestWarehouse, type TestWarehouse } from '../test/helpers/test-warehouse.ts';
import { aScan, aSegment, anOrder, insertRaw, step } from '../test/kpi/test-support.ts';
import { orderTrace } from './trace.ts';

/** The order trace of DESIGN §6 — reads raw tables directly, so it needs no refresh run. */
let tw: TestWarehouse;
const seg = (offset_ms: number, text: string, over: Parameters<typeof aSegment>[0] = {}) =>
  aSegment({ live_session_id: 'L1', host_id: 'H1', speaker: 'host', sku_id: 'SKU1', offset_ms, text, ...over });

beforeAll(async () => {
  tw = await openTestWarehouse();
  const replayed = seg(60_000, '这件卫衣纯棉的');
  await insertRaw(tw.warehouse, {
    orders: [anOrder('O1', '2026-11-20T12:15:00', { live_offset_ms: 120_000, refund_policy: 'quality_only', sku_id: 'SKU1' })],
    segments: [
      seg(10_000, '这款支持七天无理由退货，放心拍'),
      replayed,
      replayed,
      seg(100_000, '有没有S码', { speaker: 'viewer', sku_id: '' }),
      seg(130_000, '这个杯子正品保证', { sku_id: 'SKU2' }),
      seg(200_000, '下一款马上来'),
      seg(300_000, '我们假一赔十，正品保证', { speaker: 'assistant' }),
      seg(110_000, '七天无理由', { live_session_id: 'L2' }),
    ],
    refunds: [
      step('R1', 'requested', '2026-11-21T02:00:00', { order_id: 'O1' }),
      step('R1', 'approved', '2026-11-21T04:00:00', { order_id: 'O1' }),
      step('R1', 'refunded', '2026-11-22T04:00:00', { order_id: 'O1', actor: 'system' }),
      step('R1', 'rated', '2026-11-22T05:00:00', { order_id: 'O1', csat: 2 }),
    ],
    scans: [
      aScan('SH1', 'picked_up', '2026-11-21T00:00:00', { order_id: 'O1', promised_at: '2026-11-23T12:00:00Z' }),
      aScan('SH1', 'delivered', '2026-11-24T00:00:00', { order_id: 'O1', promised_at: '2026-11-23T12:00:00Z' }),
    ],
  });
  // The refund's first step again (a replay) must not appear twice in the timeline.
  const [first] = await tw.warehouse.client
    .query({ query: "SELECT * FROM refund_events WHERE refund_id = 'R1' AND status = 'requested'", format: 'JSONEachRow' })
    .then((r) => r.json<Record<string, unknown>>());
  await tw.warehouse.client.insert({ table: 'refund_events', values: [first!], format: 'JSONEachRow' });
});
afterAll(async () => tw?.close());

describe('order trace', () => {
  it('gives the session, the transcript around the order, the promises, the refund timeline and the shipments', async () => {
    const t = await orderTrace(tw.warehouse, 'O1', {}, { now: new Date('2026-11-25T00:00:00Z') });
    expect(t).not.toBeNull();
    expect(t!.session).toEqual({ live_session_id: 'L1', host_id: 'H1', shop_id: 'S1', order_offset_ms: 120_000 });
    expect(t!.order).toMatchObject({ order_id: 'O1', sku_id: 'SKU1', refund_policy: 'quality_only', region_name: '广东省' });
    // 2 min before to 30 s after the order's offset, this session only, each segment once.
    expect(t!.transcript.from_ms).toBe(0);
    expect(t!.transcript.to_ms).toBe(150_000);
    expect(t!.transcript.segments.map((s) => [s.offset_ms, s.speaker])).toEqual([
      [10_000, 'host'],
      [60_000, 'host'],
      [100_000, 'viewer'],
      [130_000, 'host'],
    ]);
    // Promises about SKU1 in L1 by the host or assistant, anywhere in the session.
    expect(t!.promises.map((p) => [p.offset_ms, p.speaker, p.matched_terms.includes('七天无理由') || p.matched_terms.includes('正品')])).toEqual([
      [10_000, 'host', true],
      [300_000, 'assistant', true],
    ]);
    expect(t!.refunds).toHaveLength(1);
    expect(t!.refunds[0]!.state).toBe('refunded');
    expect(t!.refunds[0]!.steps.map((s) => s.status)).toEqual(['requested', 'approved', 'refunded', 'rated']);
    expect(t!.shipments).toEqual([
      expect.objectContaining({ shipment_id: 'SH1', status: 'delivered', late: true, delivered_at: '2026-11-24T00:00:00.000Z' }),
    ]);
  });

  it('honours a custom transcript span', async () => {
    const t = await orderTrace(tw.warehouse, 'O1', {}, { beforeMs: 30_000, afterMs: 100_000 });
    expect(t!.transcript.segments.map((s) => s.offset_ms)).toEqual([100_000, 130_000, 200_000]);
  });

  it('answers nothing for an unknown order or an order outside the scope', async () => {
    expect(await orderTrace(tw.warehouse, 'nope', {})).toBeNull();
    expect(await orderTrace(tw.warehouse, "O1' OR '1'='1", {})).toBeNull();
    expect(await orderTrace(tw.warehouse, 'O1', { host_id: 'H2' })).toBeNull();
    expect(await orderTrace(tw.warehouse, 'O1', { categories: ['美妆'] })).toBeNull();
    expect(await orderTrace(tw.warehouse, 'O1', { categories: ['服饰', '美妆'] })).not.toBeNull();
    expect(await orderTrace(tw.warehouse, 'O1', { host_id: 'H1' })).not.toBeNull();
  });
});
