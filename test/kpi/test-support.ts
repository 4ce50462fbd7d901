import type { LogisticsEvent, OrderEvent, RefundEvent, TranscriptEvent } from '../../contracts/index.ts';
import { order, refund, scan, transcript } from '../helpers/fixtures.ts';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Warehouse } from '../../warehouse/client.ts';
import { refreshKpiFacts } from '../../kpi/refresh.ts';

/**
 * Helpers for KPI tests: events with readable ids and UTC times, inserted through the same
 * raw tables ingest writes (so MVs and region mapping run as in production).
 */
export const at = (iso: string) => (iso.endsWith('Z') ? iso : `${iso}Z`);

let seq = 0;
const id = (p: string) => `${p}-${++seq}`;

export function step(refundId: string, status: RefundEvent['status'], time: string, over: Partial<RefundEvent> = {}): RefundEvent {
  return refund({
    event_id: id(`${refundId}-${status}`),
    refund_id: refundId,
    order_id: `O-${refundId}`,
    status,
    occurred_at: at(time),
    actor: status === 'requested' || status === 'cancelled' || status === 'buyer_shipped' || status === 'rated' ? 'buyer' : 'merchant',
    ...(status === 'rated' && over.csat === undefined ? { csat: 5 } : {}),
    ...over,
  });
}

export function anOrder(orderId: string, time: string, over: Partial<OrderEvent> = {}): OrderEvent {
  return order({ event_id: id(`o-${orderId}`), order_id: orderId, occurred_at: at(time), ...over });
}

export function aScan(shipmentId: string, status: LogisticsEvent['status'], time: string, over: Partial<LogisticsEvent> = {}): LogisticsEvent {
  return scan({ event_id: id(`${shipmentId}-${status}`), shipment_id: shipmentId, order_id: `O-${shipmentId}`, status, occurred_at: at(time), ...over });
}

export function aSegment(over: Partial<TranscriptEvent>): TranscriptEvent {
  return transcript({ event_id: id('seg'), ...over });
}

type Rows = { orders?: OrderEvent[]; refunds?: RefundEvent[]; scans?: LogisticsEvent[]; segments?: TranscriptEvent[] };

/** Inserts rows into the raw tables (one insert per table, in the order given). */
export async function insertRaw(wh: Warehouse, rows: Rows): Promise<void> {
  const put = async (table: string, values: unknown[] | undefined) => {
    if (values && values.length > 0) await wh.client.insert({ table, values, format: 'JSONEachRow' });
  };
  await put('orders', rows.orders);
  await put('refund_events', rows.refunds);
  await put('logistics_scans', rows.scans);
  await put('transcript_segments', rows.segments);
}

/** Inserts and runs the KPI refresh, as the scheduler would on its next tick. */
export async function ingestAndRefresh(wh: Warehouse, rows: Rows): Promise<void> {
  await insertRaw(wh, rows);
  await refreshKpiFacts(wh);
}

export const win = (from: string, to: string) => ({ from: new Date(at(from)), to: new Date(at(to)) });

/** A seeded random source (a linear congruential generator), so a failing random test reproduces. */
export function seeded(seed: number): { rnd: () => number; pick: <T>(xs: readonly T[]) => T } {
  let state = seed;
  const rnd = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return { rnd, pick: (xs) => xs[Math.floor(rnd() * xs.length)]! };
}

/** The warehouse, but every command whose SQL `fails` picks throws `message`: a step that cannot run. */
export function failingCommands(wh: Warehouse, fails: (sql: string) => boolean, message = 'injected failure'): Warehouse {
  const command: ClickHouseClient['command'] = async (params) => {
    if (fails(params.query)) throw new Error(message);
    return wh.client.command(params);
  };
  return { ...wh, client: new Proxy(wh.client, { get: (target, prop) => (prop === 'command' ? command : Reflect.get(target, prop, target)) }) };
}
