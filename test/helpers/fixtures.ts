import type { LogisticsEvent, OrderEvent, RefundEvent, TranscriptEvent } from '../../contracts/index.ts';

/** Small valid events of each topic; override what a test cares about. */
export function order(over: Partial<OrderEvent> = {}): OrderEvent {
  return {
    event_id: 'o-evt-1',
    occurred_at: '2026-11-20T20:15:00+08:00',
    schema_version: 1,
    order_id: 'O1',
    user_id: 'U1',
    shop_id: 'S1',
    sku_id: 'SKU1',
    category: '服饰',
    live_session_id: 'L1',
    host_id: 'H1',
    quantity: 1,
    amount: 199.9,
    region: '广东省',
    refund_policy: '7day_no_reason',
    live_offset_ms: 120_000,
    ...over,
  };
}

export function refund(over: Partial<RefundEvent> = {}): RefundEvent {
  return {
    event_id: 'r-evt-1',
    occurred_at: '2026-11-21T10:00:00+08:00',
    schema_version: 1,
    refund_id: 'R1',
    order_id: 'O1',
    sku_id: 'SKU1',
    shop_id: 'S1',
    category: '服饰',
    host_id: 'H1',
    live_session_id: 'L1',
    type: 'return_refund',
    reason_code: 'size_fit',
    amount: 199.9,
    status: 'requested',
    actor: 'buyer',
    ...over,
  };
}

export function transcript(over: Partial<TranscriptEvent> = {}): TranscriptEvent {
  return {
    event_id: 't-evt-1',
    occurred_at: '2026-11-20T20:14:00+08:00',
    schema_version: 1,
    live_session_id: 'L1',
    host_id: 'H1',
    shop_id: 'S1',
    speaker: 'host',
    text: '家人们，这件卫衣是纯棉的，尺码偏大一码',
    sku_id: 'SKU1',
    offset_ms: 60_000,
    ...over,
  };
}

export function scan(over: Partial<LogisticsEvent> = {}): LogisticsEvent {
  return {
    event_id: 'l-evt-1',
    occurred_at: '2026-11-21T08:00:00+08:00',
    schema_version: 1,
    shipment_id: 'SH1',
    order_id: 'O1',
    carrier: 'SF',
    direction: 'outbound',
    status: 'picked_up',
    origin_region: '浙江省',
    dest_region: '440000',
    promised_at: '2026-11-23T20:00:00+08:00',
    ...over,
  };
}
