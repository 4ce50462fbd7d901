import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger.ts';
import { createPipeline } from '../runtime/ingest-runtime.ts';
import { order } from '../test/helpers/fixtures.ts';
import { openTestWarehouse, type TestWarehouse } from '../test/helpers/test-warehouse.ts';
import { queryRows } from '../warehouse/client.ts';
import type { IngestPipeline } from './pipeline.ts';

let tw: TestWarehouse;
let pipeline: IngestPipeline;

beforeAll(async () => {
  tw = await openTestWarehouse();
  pipeline = createPipeline(tw.warehouse, { ingestBatchRows: 1000, ingestBatchMs: 20, dataDir: tw.dir }, createLogger('silent', 'test'));
});
afterAll(() => tw.close());

/** Messages as the Kafka consumer hands them over: values back to back in one Buffer. */
function encoded(values: string[], partition: number, firstOffset: number) {
  const parts = values.map((v) => Buffer.from(v, 'utf8'));
  const bounds = new Uint32Array(parts.length + 1);
  parts.forEach((p, i) => (bounds[i + 1] = bounds[i]! + p.length));
  const offsets = Float64Array.from(parts, (_, i) => firstOffset + i);
  return { bytes: Buffer.concat(parts), bounds, partition, offsets };
}

describe('IngestPipeline.ingestEncoded', () => {
  it('stores each event with its partition and offset, keeps unknown fields, and dead-letters the exact bytes of bad ones', async () => {
    const values = [
      ` ${JSON.stringify(order({ event_id: 'enc-1', host_id: '主播-甲' }))}\n`, // whitespace around the object
      JSON.stringify({ ...order({ event_id: 'enc-2' }), coupon: '满100减10' }),
      '{"event_id":"enc-3", broken',
      // Passes the contract (1e2 is the integer 100) but ClickHouse cannot read it as UInt32.
      JSON.stringify(order({ event_id: 'enc-4' })).replace('"quantity":1', '"quantity":1e2'),
      JSON.stringify(order({ event_id: 'enc-5' })),
    ];
    const report = await pipeline.ingestEncoded('orders', encoded(values, 3, 700), 'kafka');
    expect(report.accepted).toBe(3);
    expect(report.rejected.map((r) => r.line)).toEqual([3, 4]);
    expect(report.rejected[1]!.reason).toContain('rejected by ClickHouse');

    const rows = await queryRows<{ event_id: string; host_id: string; _extra: string; _partition: number; _offset: string }>(
      tw.warehouse.client,
      "SELECT event_id, host_id, _extra, _partition, toString(_offset) AS _offset FROM orders FINAL WHERE event_id LIKE 'enc-%' ORDER BY event_id",
    );
    expect(rows).toEqual([
      { event_id: 'enc-1', host_id: '主播-甲', _extra: '', _partition: 3, _offset: '700' },
      { event_id: 'enc-2', host_id: expect.any(String), _extra: '{"coupon":"满100减10"}', _partition: 3, _offset: '701' },
      { event_id: 'enc-5', host_id: expect.any(String), _extra: '', _partition: 3, _offset: '704' },
    ]);

    const letters = await queryRows<{ raw: string; _partition: number; _offset: string }>(
      tw.warehouse.client,
      "SELECT base64Encode(raw) AS raw, _partition, toString(_offset) AS _offset FROM dead_letters FINAL WHERE source = 'kafka' ORDER BY _offset",
    );
    expect(letters.map((l) => [Buffer.from(l.raw, 'base64').toString('utf8'), l._partition, l._offset])).toEqual([
      [values[2], 3, '702'],
      [values[3], 3, '703'],
    ]);
  });
});
