import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import { kafkaInsertRetries } from '../../observability/kafka-metrics.ts';
import { createLogger } from '../../observability/logger.ts';
import { createPipeline } from '../../runtime/ingest-runtime.ts';
import { measureLag } from './lag-monitor.ts';
import { startKafkaIngest } from './kafka-ingest.ts';
import { kafkaTestBed } from '../../test/kafka/kafka-test-bed.ts';
import { mixedStream } from '../../test/kafka/mixed-stream.ts';
import { produceStream, sourceTopics, waitFor, waitUntilCaughtUp, withAdmin } from '../../test/kafka/kafka-test-kit.ts';
import { eventCounts } from '../../test/kafka/warehouse-checks.ts';

const bed = kafkaTestBed('out');
const { tag, prefix, groupId } = bed;

async function retriesOfOrders(): Promise<number> {
  const m = await kafkaInsertRetries.get();
  return m.values.find((v) => v.labels.topic === 'orders')?.value ?? 0;
}

describe('Kafka ingest while a ClickHouse table is unavailable', () => {
  it('retries with backoff and commits nothing for the failing table, while other topics go on; then catches up exactly', async () => {
    const stream = mixedStream({ tag, events: 5_000, malformedRate: 0, duplicateRate: 0.02 });
    const log = createLogger('error', 'test-ingest');
    const config = loadConfig({ KAFKA_BROKERS: bed.broker.brokers, KAFKA_GROUP_ID: groupId, KAFKA_TOPIC_PREFIX: prefix, RADAR_DATA_DIR: bed.wh.dir });
    const pipeline = createPipeline(bed.wh.warehouse, config, log);

    // A real engine error, not a mock: inserts into a detached table fail with UNKNOWN_TABLE.
    await bed.wh.warehouse.client.command({ query: 'DETACH TABLE orders' });
    bed.ingest = await startKafkaIngest({ pipeline, config, log, backoff: { initialMs: 50, maxMs: 400 } });
    await produceStream(bed.broker.brokers, prefix, stream.messages);

    const ordersTopic = `${prefix}orders`;
    const others = sourceTopics(prefix).filter((t) => t !== ordersTopic);
    await waitFor('orders inserts to be retried and the other topics to be committed', 60_000, async () => {
      const lags = await withAdmin(bed.broker.brokers, (admin) => measureLag(admin, groupId, others));
      return (await retriesOfOrders()) >= 3 && lags.every((l) => l.lag === 0) ? true : undefined;
    });
    const orders = await withAdmin(bed.broker.brokers, (admin) => measureLag(admin, groupId, [ordersTopic]));
    expect(orders.reduce((s, l) => s + l.highWatermark, 0)).toBe(stream.messages.filter((m) => m.topic === 'orders').length);
    // Not one orders offset committed while its rows could not be stored.
    expect(orders.map((l) => l.committed)).toEqual(orders.map(() => 0));

    await bed.wh.warehouse.client.command({ query: 'ATTACH TABLE orders' });
    await waitUntilCaughtUp(bed.broker.brokers, groupId, prefix, stream.messages.length, 60_000);
    const counts = await eventCounts(bed.wh.warehouse.client, tag);
    expect(counts.final).toEqual(stream.distinct);
    expect(counts.distinct).toEqual(stream.distinct);
  }, 180_000);
});
