import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerForTests, type TestBroker } from '../../broker/test-broker.ts';
import { ensureTopics } from '../../broker/topics.ts';
import { loadConfig } from '../../config/config.ts';
import type { Topic } from '../../contracts/index.ts';
import { createLogger } from '../../observability/logger.ts';
import { createPipeline } from '../../runtime/ingest-runtime.ts';
import { openTestWarehouse, type TestWarehouse } from '../../test/helpers/test-warehouse.ts';
import { DLQ_HEADERS } from './dead-letter-producer.ts';
import { startKafkaIngest, type KafkaIngest } from './kafka-ingest.ts';
import { kafkaTopicNames } from './topic-names.ts';
import { groupLag, produceStream, progressNotes, readAll, sourceTopics, waitFor, waitUntilCaughtUp } from './testing/kafka-test-kit.ts';
import { mixedStream } from './testing/mixed-stream.ts';
import { deadLetterCounts, eventCounts, kpiFigures } from './testing/warehouse-checks.ts';

const tag = `brk${randomBytes(3).toString('hex')}`;
const prefix = `test-${tag}-`;
const groupId = `radar-test-${tag}`;

describe('Kafka ingest across a broker restart', () => {
  let broker: TestBroker;
  let wh: TestWarehouse;
  let ingest: KafkaIngest | undefined;

  beforeAll(async () => {
    // Always a local broker, even with KAFKA_BROKERS set: this test must be able to restart it.
    broker = await brokerForTests({ local: true });
    await ensureTopics(broker.brokers, sourceTopics(prefix), 4);
    wh = await openTestWarehouse();
  }, 300_000);

  afterAll(async () => {
    await ingest?.stop();
    await wh?.close();
    await broker?.stop();
  }, 120_000);

  it('recovers by itself when the broker goes away mid-stream, and loses nothing', async () => {
    const restart = broker.restart;
    if (!restart) throw new Error('brokerForTests({ local: true }) gave a broker without restart()');
    const stream = mixedStream({ tag, events: 60_000, malformedRate: 0.03, duplicateRate: 0.03 });
    const cut = Math.floor(stream.messages.length * 0.7);
    const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'fatal', 'test-ingest');
    // Small fetches so the consumer is still working through the first part when the broker stops.
    const config = loadConfig({
      KAFKA_BROKERS: broker.brokers,
      KAFKA_GROUP_ID: groupId,
      KAFKA_TOPIC_PREFIX: prefix,
      RADAR_DATA_DIR: wh.dir,
      KAFKA_MAX_BYTES: String(2 << 20),
      KAFKA_MAX_BYTES_PER_PARTITION: String(128 << 10),
      KAFKA_CHUNK_MESSAGES: '500',
      RADAR_INGEST_BATCH_MS: '50',
    });
    const pipeline = createPipeline(wh.warehouse, config, log);
    ingest = await startKafkaIngest({ pipeline, config, log });

    const note = progressNotes('broker-restart');
    await produceStream(broker.brokers, prefix, stream.messages.slice(0, cut));
    note(`produced ${cut} of ${stream.messages.length} messages`);
    const before = await waitFor('the consumer to be mid-stream', 60_000, async () => {
      const t = await groupLag(broker.brokers, groupId, prefix);
      return t.committed > 0 ? t : undefined;
    }, 25);
    expect(before.lag, 'broker stopped mid-stream').toBeGreaterThan(0);
    const address = broker.brokers;
    note(`stopping the broker at ${before.committed} committed (lag ${before.lag})`);
    expect(await restart()).toBe(address); // same port: clients reconnect to the address they know
    note('broker back');

    // Producing the rest only once the broker is back keeps the producer from retrying (and
    // possibly duplicating) sends; the consumer is the part under test.
    await produceStream(broker.brokers, prefix, stream.messages.slice(cut));
    await waitUntilCaughtUp(broker.brokers, groupId, prefix, stream.messages.length, 240_000);
    note('consumer caught up');

    const counts = await eventCounts(wh.warehouse.client, tag);
    expect(counts.final).toEqual(stream.distinct);
    expect(counts.distinct).toEqual(stream.distinct);
    expect(await kpiFigures(wh.warehouse.client, tag)).toEqual({ refunds: stream.refundIds, refundedRefunds: stream.refundIds, orderCents: stream.orderCents });

    // A produce answered with an error while the broker was settling may still have been
    // written, and the producer's retry then writes it again; so the oracle for dead letters
    // is what the source topics really hold: every malformed message there, once per offset.
    const names = kafkaTopicNames(prefix);
    const inTopics = await readAll(broker.brokers, names.map((n) => n.source));
    const malformedInTopics = Object.fromEntries(names.map((n) => [n.topic, 0])) as Record<Topic, number>;
    for (const m of inTopics) if (m.key && stream.malformedKeys.has(m.key)) malformedInTopics[names.find((n) => n.source === m.topic)!.topic]++;
    note(`source topics hold ${inTopics.length} messages for ${stream.messages.length} produced`);
    expect(await deadLetterCounts(wh.warehouse.client)).toEqual(malformedInTopics);

    const dlq = await readAll(broker.brokers, names.map((n) => n.dlq));
    const positions = new Set(dlq.map((m) => `${m.headers[DLQ_HEADERS.sourceTopic]}/${m.headers[DLQ_HEADERS.sourcePartition]}/${m.headers[DLQ_HEADERS.sourceOffset]}`));
    expect(positions.size).toBe(Object.values(malformedInTopics).reduce((a, b) => a + b, 0));
    expect(new Set(dlq.map((m) => m.key))).toEqual(stream.malformedKeys);
  }, 600_000);
});
