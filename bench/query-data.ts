import { queryRows, type Warehouse } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';
import { toChTime } from '../kpi/time.ts';

/**
 * The fast bulk generator of `npm run bench:query`: every row is generated inside ClickHouse
 * from numbers() and hashes (sql/bench/generate_*.sql), so 30M orders take seconds of engine
 * time instead of minutes of JS. Deterministic for the same parameters.
 */
export interface BenchScale {
  orders: number;
  /** Refunds per 1000 orders (~4 steps each, so 83‰ of 30M orders ≈ 10M steps). */
  refundPermille: number;
  /** One shipment per this many orders (6 → 5M shipments of 30M orders). */
  shipmentEvery: number;
  days: number;
  end: Date;
}

export interface Loaded {
  orders: number;
  refundSteps: number;
  refunds: number;
  shipments: number;
  scans: number;
}

export async function generate(wh: Warehouse, s: BenchScale, log: (msg: string) => void): Promise<void> {
  const end = toChTime(s.end);
  const step = async (name: string, params: Record<string, unknown>) => {
    const t0 = performance.now();
    await wh.client.command({ query: loadSql(`bench/${name}`), query_params: params });
    log(`  ${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  await step('generate_orders', { n: s.orders, days: s.days, end });
  await step('generate_refunds', { permille_from: 0, permille_to: s.refundPermille, end });
  await step('generate_scans', { every: s.shipmentEvery, end });
  await step('generate_transcripts', {});
}

export async function loadedCounts(wh: Warehouse): Promise<Loaded> {
  const [r] = await queryRows<Record<keyof Loaded, string>>(
    wh.client,
    `SELECT (SELECT count() FROM orders) AS orders,
            (SELECT count() FROM refund_events) AS refundSteps,
            (SELECT uniqExact(refund_id) FROM refund_events) AS refunds,
            (SELECT uniqExact(shipment_id) FROM logistics_scans) AS shipments,
            (SELECT count() FROM logistics_scans) AS scans`,
  );
  return {
    orders: Number(r?.orders ?? 0),
    refundSteps: Number(r?.refundSteps ?? 0),
    refunds: Number(r?.refunds ?? 0),
    shipments: Number(r?.shipments ?? 0),
    scans: Number(r?.scans ?? 0),
  };
}

/** Waits until background merges finish (or `maxMs` passes), as a settled store would be. */
export async function waitForMerges(wh: Warehouse, maxMs: number): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const [r] = await queryRows<{ n: string }>(wh.client, `SELECT count() AS n FROM system.merges WHERE database = currentDatabase()`);
    if (Number(r?.n ?? 0) === 0 || Date.now() - t0 > maxMs) return Date.now() - t0;
    await new Promise((res) => setTimeout(res, 2000));
  }
}

/** Values the benchmark's requests filter by, picked from the data. */
export async function samples(wh: Warehouse): Promise<{ shops: string[]; hosts: string[]; sessions: string[]; categories: string[]; orders: string[] }> {
  const col = async (q: string) => (await queryRows<{ v: string }>(wh.client, q)).map((r) => r.v);
  return {
    shops: await col(`SELECT DISTINCT toString(shop_id) AS v FROM order_lookup LIMIT 500`),
    hosts: await col(`SELECT DISTINCT toString(host_id) AS v FROM order_lookup LIMIT 1000`),
    sessions: await col(`SELECT live_session_id AS v FROM order_rollup WHERE order_hour >= now() - INTERVAL 2 DAY GROUP BY v ORDER BY cityHash64(v) LIMIT 200`),
    categories: await col(`SELECT DISTINCT toString(category) AS v FROM order_lookup LIMIT 20`),
    orders: await col(`SELECT order_id AS v FROM refund_order_index ORDER BY cityHash64(order_id) LIMIT 200`),
  };
}

/** More refunds for a reused store generated with a smaller refund share: the hash slice [from, to)‰. */
export async function topUpRefunds(wh: Warehouse, fromPermille: number, toPermille: number, end: Date): Promise<void> {
  await wh.client.command({
    query: loadSql('bench/generate_refunds'),
    query_params: { permille_from: fromPermille, permille_to: toPermille, end: toChTime(end) },
  });
}

/**
 * About a minute of live traffic on top of the loaded store — 1,000 new orders, a new step for
 * 1,000 existing refunds and a new scan for 1,000 shipments, copied from stored rows inside the
 * engine — so the benchmark can time one incremental refresh run (one scheduler tick).
 */
export async function liveTraffic(wh: Warehouse, now: Date, tick = 0): Promise<void> {
  const at = toChTime(now);
  const tag = `live${tick}-`;
  const offset = tick * 1000;
  await wh.client.command({
    query: `INSERT INTO orders (event_id, occurred_at, schema_version, order_id, user_id, shop_id, sku_id, category, live_session_id,
                                host_id, quantity, amount, region, refund_policy, live_offset_ms)
            SELECT concat({tag:String}, event_id), {at:DateTime64(3, 'UTC')}, 1, concat({tag:String}, order_id), user_id, shop_id, sku_id, category,
                   live_session_id, host_id, quantity, amount, region, refund_policy, live_offset_ms
            FROM orders WHERE occurred_at > {at:DateTime64(3, 'UTC')} - INTERVAL 1 HOUR LIMIT 1000`,
    query_params: { at, tag, offset },
  });
  await wh.client.command({
    query: `INSERT INTO refund_events (event_id, occurred_at, schema_version, refund_id, order_id, sku_id, shop_id, category, host_id,
                                       live_session_id, type, reason_code, amount, status, actor)
            SELECT concat({tag:String}, event_id), {at:DateTime64(3, 'UTC')}, 1, refund_id, order_id, sku_id, shop_id, category, host_id,
                   live_session_id, type, reason_code, amount, 'escalated', 'platform'
            FROM refund_events WHERE status = 'requested' ORDER BY occurred_at DESC LIMIT 1000 OFFSET {offset:UInt32}`,
    query_params: { at, tag, offset },
  });
  await wh.client.command({
    query: `INSERT INTO logistics_scans (event_id, occurred_at, schema_version, shipment_id, order_id, carrier, direction, status,
                                         origin_region, dest_region, promised_at, exception_code)
            SELECT concat({tag:String}, event_id), {at:DateTime64(3, 'UTC')}, 1, shipment_id, order_id, carrier, direction, 'in_transit',
                   origin_region, dest_region, promised_at, ''
            FROM logistics_scans WHERE status = 'picked_up' ORDER BY occurred_at DESC LIMIT 1000 OFFSET {offset:UInt32}`,
    query_params: { at, tag, offset },
  });
}
