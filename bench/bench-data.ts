import type { Topic } from '../contracts/index.ts';
import { order, refund, scan, transcript } from '../test/helpers/fixtures.ts';

/** Share of each topic in the benchmark stream, roughly the simulator's mix. */
export const BENCH_MIX: Array<[Topic, number]> = [
  ['orders', 0.3],
  ['refunds', 0.25],
  ['livestream-transcripts', 0.2],
  ['logistics', 0.25],
];

const STATUSES = ['requested', 'approved', 'buyer_shipped', 'merchant_received', 'refunded'] as const;
const REGIONS = ['广东省', '440000', '四川', '510000', '浙江省', '上海市', '北京', '湖北省'];

/** One valid event of `topic` as its NDJSON line; `i` makes ids unique. */
export function benchLine(topic: Topic, i: number): string {
  const ts = new Date(Date.UTC(2026, 10, 1) + (i % 1_000_000) * 1_000).toISOString();
  switch (topic) {
    case 'orders':
      return JSON.stringify(order({ event_id: `bo-${i}`, order_id: `BO${i}`, occurred_at: ts, sku_id: `SKU${i % 500}`, region: REGIONS[i % REGIONS.length]! }));
    case 'refunds':
      return JSON.stringify(refund({ event_id: `br-${i}`, refund_id: `BR${i >> 2}`, occurred_at: ts, status: STATUSES[i % STATUSES.length]! }));
    case 'livestream-transcripts':
      return JSON.stringify(transcript({ event_id: `bt-${i}`, occurred_at: ts, offset_ms: i }));
    case 'logistics':
      return JSON.stringify(scan({ event_id: `bl-${i}`, shipment_id: `BS${i >> 2}`, occurred_at: ts, dest_region: REGIONS[i % REGIONS.length]! }));
  }
}

/** `total` events split into per-topic batches of `batchSize` lines (HTTP-sized bodies). */
export function benchBatches(total: number, batchSize: number): Array<{ topic: Topic; lines: string[] }> {
  const batches: Array<{ topic: Topic; lines: string[] }> = [];
  let id = 0;
  for (const [topic, share] of BENCH_MIX) {
    let left = Math.round(total * share);
    while (left > 0) {
      const n = Math.min(batchSize, left);
      const lines = new Array<string>(n);
      for (let k = 0; k < n; k++) lines[k] = benchLine(topic, id++);
      batches.push({ topic, lines });
      left -= n;
    }
  }
  // Interleave topics as a real stream would.
  for (let i = batches.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [batches[i], batches[j]] = [batches[j]!, batches[i]!];
  }
  return batches;
}
