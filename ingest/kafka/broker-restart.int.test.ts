import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import type { Topic } from '../../contracts/index.ts';
import { createLogger } from '../../observability/logger.ts';
import { createPipeline } from '../../runtime/ingest-runtime.ts';
import { DLQ_HEADERS } from './dead-letter-producer.ts';
import { startKafkaIngest } from './kafka-ingest.ts';
import { kafkaTopicNames } from './topic-names.ts';
import { groupLag, produceStream, progressNotes, readAll, waitFor, waitUntilCaughtUp } from '../../test/kafka/kafka-test-kit.ts';
import { kafkaTestBed } from '../../test/kafka/kafka-test-bed.ts';
import { mixedStream } from '../../test/kafka/mixed-stream.ts';
import { deadLetterCounts, eventCounts, kpiFigures } from '../../test/kafka/warehouse-checks.ts';

const bed = kafkaTestBed('brk', { local: true });
const { tag, prefix, groupId } = bed;

describe('Kafka ingest across a broker restart', () => {
  it('recovers by itself when the broker goes away mid-stream, and loses nothing', async () => {
    const restart = bed.broker.restart;
    if (!restart) throw new Error('brokerForTests({ local: true }) gave a broker without restart()');
    const stream = mixedStream({ tag, events: 60_000, malformedRate: 0.03, duplicateRate: 0.03 });
    const cut = Math.floor(stream.messages.length * 0.7);
    const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'fatal', 'test-ingest');
    // Small fetches so the consumer is still working through the first part when the broker stops.
    const config = loadConfig({
      KAFKA_BROKERS: bed.broker.brokers,
      KAFKA_GROUP_ID: groupId,
      KAFKA_TOPIC_PREFIX: prefix,
      RADAR_DATA_DIR: bed.wh.dir,
      KAFKA_MAX_BYTES: String(2 << 20),
      KAFKA_MAX_BYTES_PER_PARTITION: String(128 << 10),
      KAFKA_CHUNK_MESSAGES: '500',
      RADAR_INGEST_BATCH_MS: '50',
    });
    const pipeline = createPipeline(bed.wh.warehouse, config, log);
    bed.ingest = await startKafkaIngest({ pipeline, config, log });

    const note = progressNotes('broker-restart');
    await produceStream(bed.broker.brokers, prefix, stream.messages.slice(0, cut));
    note(`produced ${cut} of ${stream.messages.length} messages`);
    const before = await waitFor('the consumer to be mid-stream', 60_000, async () => {
      const t = await groupLag(bed.broker.brokers, groupId, prefix);
      return t.committed > 0 ? t : undefined;
    }, 25);
    expect(before.lag, 'broker stopped mid-stream').toBeGreaterThan(0);
    const address = bed.broker.brokers;
    note(`stopping the broker at ${before.committed} committed (lag ${before.lag})`);
    expect(await restart()).toBe(address); // same port: clients reconnect to the address they know
    note('broker back');

    // Producing the rest only once the broker is back keeps the producer from retrying (and
    // possibly duplicating) sends; the consumer is the part under test.
    await produceStream(bed.broker.brokers, prefix, stream.messages.slice(cut));
    await waitUntilCaughtUp(bed.broker.brokers, groupId, prefix, stream.messages.length, 240_000);
    note('consumer caught up');

    const counts = await eventCounts(bed.wh.warehouse.client, tag);
    expect(counts.final).toEqual(stream.distinct);
    expect(counts.distinct).toEqual(stream.distinct);
    expect(await kpiFigures(bed.wh.warehouse.client, tag)).toEqual({ refunds: stream.refundIds, refundedRefunds: stream.refundIds, orderCents: stream.orderCents });

    // A produce answered with an error while the broker was settling may still have been
    // written, and the producer's retry then writes it again; so the oracle for dead letters
    // is what the source topics really hold: every malformed message there, once per offset.
    const names = kafkaTopicNames(prefix);
    const inTopics = await readAll(bed.broker.brokers, names.map((n) => n.source));
    const malformedInTopics = Object.fromEntries(names.map((n) => [n.topic, 0])) as Record<Topic, number>;
    for (const m of inTopics) if (m.key && stream.malformedKeys.has(m.key)) malformedInTopics[names.find((n) => n.source === m.topic)!.topic]++;
    note(`source topics hold ${inTopics.length} messages for ${stream.messages.length} produced`);
    expect(await deadLetterCounts(bed.wh.warehouse.client)).toEqual(malformedInTopics);

    const dlq = await readAll(bed.broker.brokers, names.map((n) => n.dlq));
    const positions = new Set(dlq.map((m) => `${m.headers[DLQ_HEADERS.sourceTopic]}/${m.headers[DLQ_HEADERS.sourcePartition]}/${m.headers[DLQ_HEADERS.sourceOffset]}`));
    expect(positions.size).toBe(Object.values(malformedInTopics).reduce((a, b) => a + b, 0));
    expect(new Set(dlq.map((m) => m.key))).toEqual(stream.malformedKeys);
  }, 600_000);
});
