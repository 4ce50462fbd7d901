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
