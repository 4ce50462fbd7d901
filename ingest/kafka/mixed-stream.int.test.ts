import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import { TOPICS, type Topic } from '../../contracts/index.ts';
import { createLogger } from '../../observability/logger.ts';
import { createPipeline } from '../../runtime/ingest-runtime.ts';
import { DLQ_HEADERS } from './dead-letter-producer.ts';
import { startKafkaIngest } from './kafka-ingest.ts';
import { NOT_UTF8_REASON, TOMBSTONE_REASON } from './message-chunk.ts';
import { kafkaTopicNames } from './topic-names.ts';
import { kafkaTestBed } from '../../test/kafka/kafka-test-bed.ts';
import { mixedStream } from '../../test/kafka/mixed-stream.ts';
import { produceStream, readAll, waitUntilCaughtUp } from '../../test/kafka/kafka-test-kit.ts';
import { deadLetterCounts, eventCounts, kpiFigures } from '../../test/kafka/warehouse-checks.ts';

const bed = kafkaTestBed('mix');
const { tag, prefix, groupId } = bed;
const stream = mixedStream({ tag, events: 20_000, malformedRate: 0.03, duplicateRate: 0.05 });

describe('Kafka ingest of a mixed stream (real broker, real ClickHouse)', () => {
  it('stores every distinct event once and dead-letters every malformed message to the table and the .dlq topic', async () => {
    const malformedTotal = TOPICS.reduce((s, t) => s + stream.malformed[t], 0);
    expect(malformedTotal / stream.messages.length).toBeGreaterThan(0.025);

    const log = createLogger('warn', 'test-ingest');
    const config = loadConfig({ KAFKA_BROKERS: bed.broker.brokers, KAFKA_GROUP_ID: groupId, KAFKA_TOPIC_PREFIX: prefix, RADAR_DATA_DIR: bed.wh.dir });
    const pipeline = createPipeline(bed.wh.warehouse, config, log);
    bed.ingest = await startKafkaIngest({ pipeline, config, log });

    await produceStream(bed.broker.brokers, prefix, stream.messages);
    await waitUntilCaughtUp(bed.broker.brokers, groupId, prefix, stream.messages.length, 120_000);

    // Committed means stored: nothing is flushed or awaited between the commit and these queries.
    const counts = await eventCounts(bed.wh.warehouse.client, tag);
    expect(counts.final).toEqual(stream.distinct);
    expect(counts.distinct).toEqual(stream.distinct);
    expect(await deadLetterCounts(bed.wh.warehouse.client)).toEqual(stream.malformed);
    const kpi = await kpiFigures(bed.wh.warehouse.client, tag);
    expect(kpi).toEqual({ refunds: stream.refundIds, refundedRefunds: stream.refundIds, orderCents: stream.orderCents });

    const names = kafkaTopicNames(prefix);
    const dlq = await readAll(bed.broker.brokers, names.map((n) => n.dlq));
    expect(dlq).toHaveLength(malformedTotal);
    expect(new Set(dlq.map((m) => m.key))).toEqual(stream.malformedKeys);
    const byKey = new Map(stream.messages.filter((m) => m.key && stream.malformedKeys.has(m.key)).map((m) => [m.key!, m]));
    for (const m of dlq) {
      const original = byKey.get(m.key!)!;
      const topic = names.find((n) => n.dlq === m.topic)!;
      expect(topic.topic).toBe(original.topic);
      expect(m.headers[DLQ_HEADERS.sourceTopic]).toBe(topic.source);
      expect(Number(m.headers[DLQ_HEADERS.sourcePartition])).toBeGreaterThanOrEqual(0);
      expect(Number(m.headers[DLQ_HEADERS.sourceOffset])).toBeGreaterThanOrEqual(0);
      expect(m.headers[DLQ_HEADERS.reason]).toBeTruthy();
      // The raw bytes travel unchanged, including invalid UTF-8; a tombstone stays a tombstone.
      if (original.value === null) {
        expect(m.value).toBeNull();
        expect(m.headers[DLQ_HEADERS.reason]).toBe(TOMBSTONE_REASON);
      } else {
        expect(m.value?.equals(original.value)).toBe(true);
      }
    }
    expect(dlq.filter((m) => m.headers[DLQ_HEADERS.reason] === NOT_UTF8_REASON).length).toBeGreaterThan(0);
    // Each source position is dead-lettered once.
    expect(new Set(dlq.map((m) => `${m.headers[DLQ_HEADERS.sourceTopic]}/${m.headers[DLQ_HEADERS.sourcePartition]}/${m.headers[DLQ_HEADERS.sourceOffset]}`)).size).toBe(malformedTotal);
  }, 240_000);

  it('keeps consuming new messages after the poison ones (no partition is blocked)', async () => {
    const more = mixedStream({ tag: `${tag}b`, events: 500, malformedRate: 0.2, duplicateRate: 0, seed: 11 });
    const before = await waitUntilCaughtUp(bed.broker.brokers, groupId, prefix, 0, 10_000);
    await produceStream(bed.broker.brokers, prefix, more.messages);
    await waitUntilCaughtUp(bed.broker.brokers, groupId, prefix, before.high + more.messages.length, 60_000);
    const counts = await eventCounts(bed.wh.warehouse.client, `${tag}b`);
    expect(counts.final).toEqual(more.distinct);
    const expected = Object.fromEntries(TOPICS.map((t) => [t, stream.malformed[t] + more.malformed[t]])) as Record<Topic, number>;
    expect(await deadLetterCounts(bed.wh.warehouse.client)).toEqual(expected);
  }, 120_000);
});
