import type { LogisticsEvent, OrderEvent, RefundEvent, Topic } from '../../contracts/index.ts';
import { createPipeline } from '../../runtime/ingest-runtime.ts';
import { openTestWarehouse, type TestWarehouse } from '../helpers/test-warehouse.ts';
import { order, refund, scan } from '../helpers/fixtures.ts';
import { loadRulesFile } from '../../alerts/rule-config.ts';
import type { AlertsConfig, Rule } from '../../alerts/rule-schema.ts';

/** Test-only helpers: a warehouse fed through the real ingest pipeline, and event builders. */

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const MIN = 60_000;

export interface FedWarehouse extends TestWarehouse {
  ingest(topic: Topic, events: object[]): Promise<void>;
}

export async function openFedWarehouse(): Promise<FedWarehouse> {
  const tw = await openTestWarehouse();
  const pipeline = createPipeline(tw.warehouse, { ingestBatchRows: 50_000, ingestBatchMs: 50, dataDir: tw.dir });
  return {
    ...tw,
    async ingest(topic, events) {
      const report = await pipeline.ingestValues(topic, events, 'simulator');
      if (report.rejected.length > 0) throw new Error(`fixture rejected: ${JSON.stringify(report.rejected[0])}`);
      await pipeline.flush();
    },
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
let seq = 0;
const next = (prefix: string) => `${prefix}-${++seq}`;

/** `n` orders of one SKU, one per minute from `fromMs`. */
export function orders(n: number, fromMs: number, over: Partial<OrderEvent> = {}): OrderEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const id = next('O');
    return order({ event_id: `ev-${id}`, order_id: id, user_id: `U-${id}`, occurred_at: iso(fromMs + i * MIN), ...over });
  });
}

/** A `requested` refund step for each of `list` (taking the SKU fields of the order). */
export function refundsOf(list: OrderEvent[], atMs: number, over: Partial<RefundEvent> = {}): RefundEvent[] {
  return list.map((o) => {
    const id = next('R');
    return refund({
      event_id: `ev-${id}`,
      refund_id: id,
      order_id: o.order_id,
      sku_id: o.sku_id,
      shop_id: o.shop_id,
      category: o.category,
      host_id: o.host_id,
      live_session_id: o.live_session_id,
      occurred_at: iso(atMs),
      ...over,
    });
  });
}

/** A further step of existing refunds (same refund_id, new event_id). */
export function stepOf(list: RefundEvent[], atMs: number, status: RefundEvent['status'], actor: RefundEvent['actor'] = 'merchant'): RefundEvent[] {
  return list.map((r) => ({ ...r, event_id: `${r.event_id}-${status}-${atMs}`, occurred_at: iso(atMs), status, actor }));
}

/**
 * Outbound shipments to `region` promised at `promisedMs`: `late` of them delivered 5 h after
 * the promise, the rest 1 h before it.
 */
export function shipments(n: number, late: number, region: string, promisedMs: number): LogisticsEvent[] {
  const out: LogisticsEvent[] = [];
  for (let i = 0; i < n; i++) {
    const id = next('SH');
    const base = { shipment_id: id, order_id: `O-${id}`, dest_region: region, promised_at: iso(promisedMs), direction: 'outbound' as const };
    out.push(scan({ ...base, event_id: `ev-${id}-c`, status: 'created', occurred_at: iso(promisedMs - 3 * DAY) }));
    const deliveredAt = i < late ? promisedMs + 5 * HOUR : promisedMs - HOUR;
    out.push(scan({ ...base, event_id: `ev-${id}-d`, status: 'delivered', occurred_at: iso(deliveredAt) }));
  }
  return out;
}

/** The shipped defaults with one rule changed (tests of one rule's thresholds). */
export function rulesWith(id: string, patch: Partial<Rule> & Record<string, unknown>): AlertsConfig {
  const config = loadRulesFile();
  return { ...config, rules: config.rules.map((r) => (r.id === id ? ({ ...r, ...patch } as Rule) : r)) };
}

export function ruleOf<K extends Rule['kind']>(id: string, config: AlertsConfig = loadRulesFile()): Extract<Rule, { kind: K }> {
  const rule = config.rules.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule as Extract<Rule, { kind: K }>;
}
