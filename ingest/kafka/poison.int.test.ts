import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import { createLogger } from '../../observability/logger.ts';
import { createPipeline } from '../../runtime/ingest-runtime.ts';
import { order } from '../../test/helpers/fixtures.ts';
import { DLQ_HEADERS } from './dead-letter-producer.ts';
import { startKafkaIngest } from './kafka-ingest.ts';
import { kafkaTopicNames } from './topic-names.ts';
import { kafkaTestBed } from '../../test/kafka/kafka-test-bed.ts';
import { produceStream, readAll, waitUntilCaughtUp } from '../../test/kafka/kafka-test-kit.ts';
import type { StreamMessage } from '../../test/kafka/mixed-stream.ts';

// Issue #20: a message the contract passes but the engine refuses used to be retried without
// limit, stalling its partition. Now it is bisected out and dead-lettered, and the partition
// moves on past it.

const bed = kafkaTestBed('poison');
const { tag, prefix, groupId } = bed;

const text = (id: string, over: Parameters<typeof order>[0] = {}) => JSON.stringify(order({ event_id: `${tag}-${id}`, order_id: `${tag}-${id}`, ...over }));
// One key: every message of the test lands on one partition, poison in the middle of it.
const msg = (value: string): StreamMessage => ({ topic: 'orders', key: `${tag}-one-partition`, value: Buffer.from(value) });

describe('Kafka ingest with poison messages (real broker, real ClickHouse)', () => {
  it('dead-letters engine-refused messages and commits past them; later messages are stored', async () => {
    const before = Array.from({ length: 50 }, (_, i) => msg(text(`a${i}`)));
    const poison = [
      msg(text('eng').replace('"quantity":1', '"quantity":1e2')), // the engine's refusal
      msg(text('sur').replace('"U1"', '"\\ud800"')), // the contract's refusal
    ];
    // 120 months on one partition: more partitions than one insert takes — split, not refused.
    const months = Array.from({ length: 120 }, (_, m) =>
      msg(text(`m${m}`, { occurred_at: `${2010 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-10T00:00:00Z` })),
    );
    const after = Array.from({ length: 50 }, (_, i) => msg(text(`z${i}`)));
    const messages = [...before, ...poison, ...months, ...after];

    const log = createLogger('silent');
    const config = loadConfig({ KAFKA_BROKERS: bed.broker.brokers, KAFKA_GROUP_ID: groupId, KAFKA_TOPIC_PREFIX: prefix, RADAR_DATA_DIR: bed.wh.dir });
    const pipeline = createPipeline(bed.wh.warehouse, config, log);
    bed.ingest = await startKafkaIngest({ pipeline, config, log, backoff: { initialMs: 50, maxMs: 200 } });
    await produceStream(bed.broker.brokers, prefix, messages);
    // Caught up = committed up to the high watermark: the partition moved past the poison.
    await waitUntilCaughtUp(bed.broker.brokers, groupId, prefix, messages.length, 120_000);

    expect(await bed.wh.count('orders', `startsWith(event_id, '${tag}-')`)).toBe(before.length + months.length + after.length);
    expect(await bed.wh.count('orders', `event_id IN ('${tag}-eng', '${tag}-sur')`)).toBe(0);
    expect(await bed.wh.count('dead_letters', `topic = 'orders' AND position(raw, '${tag}-') > 0`)).toBe(2);

    const dlq = await readAll(bed.broker.brokers, [kafkaTopicNames(prefix).find((n) => n.topic === 'orders')!.dlq]);
    const reasons = dlq.map((m) => m.headers[DLQ_HEADERS.reason]!).sort();
    expect(reasons).toHaveLength(2);
    expect(reasons.some((r) => r.includes('rejected by ClickHouse'))).toBe(true);
    expect(reasons.some((r) => r.includes('lone UTF-16 surrogate'))).toBe(true);
    expect(dlq.map((m) => m.value?.toString()).sort()).toEqual(poison.map((p) => p.value!.toString()).sort());
  }, 240_000);
});
