import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerForTests, type TestBroker } from '../../broker/test-broker.ts';
import { ensureTopics } from '../../broker/topics.ts';
import { openTestWarehouse, type TestWarehouse } from '../../test/helpers/test-warehouse.ts';
import { DLQ_HEADERS } from './dead-letter-producer.ts';
import { kafkaTopicNames } from './topic-names.ts';
import { exportWarehouse, importTables, spawnIngest, stopGracefully, type IngestChild } from './testing/ingest-process.ts';
import { groupLag, produceStream, progressNotes, readAll, sourceTopics, waitFor, waitUntilCaughtUp } from './testing/kafka-test-kit.ts';
import { mixedStream } from './testing/mixed-stream.ts';
import { deadLetterCounts, eventCounts, kpiFigures } from './testing/warehouse-checks.ts';

const tag = `crash${randomBytes(3).toString('hex')}`;
const prefix = `test-${tag}-`;
const groupId = `radar-test-${tag}`;
const database = 'radar';
/**
 * Small fetches and chunks: many commits per run, so a kill lands between them, mid-stream. A
 * short session: a killed member holds its partitions until its session expires.
 */
const CHILD_ENV = {
  KAFKA_MAX_BYTES: String(1 << 20),
  KAFKA_MAX_BYTES_PER_PARTITION: String(128 << 10),
  KAFKA_CHUNK_MESSAGES: '500',
  RADAR_INGEST_BATCH_MS: '50',
  KAFKA_SESSION_TIMEOUT_MS: '6000',
};

describe('Kafka ingest consumer killed with SIGKILL mid-stream and restarted', () => {
  let broker: TestBroker;
  let wh: TestWarehouse;
  const consumerDir = mkdtempSync(join(tmpdir(), 'radar-consumer-'));
  const children: IngestChild[] = [];

  beforeAll(async () => {
    broker = await brokerForTests();
    await ensureTopics(broker.brokers, sourceTopics(prefix), 4);
    wh = await openTestWarehouse();
  }, 300_000);

  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await wh?.close();
    await broker?.stop();
    rmSync(consumerDir, { recursive: true, force: true });
  }, 120_000);

  it('loses no event and counts none twice', async () => {
    const stream = mixedStream({ tag, events: 100_000, malformedRate: 0.03, duplicateRate: 0.03 });
    const total = stream.messages.length;
    const note = progressNotes('consumer-crash');
    await produceStream(broker.brokers, prefix, stream.messages);
    note(`produced ${total} messages`);
    const start = () => {
      const child = spawnIngest({ brokers: broker.brokers, groupId, prefix, dataDir: consumerDir, database, env: CHILD_ENV });
      children.push(child);
      return child;
    };

    // Each run is killed once the group has committed a further share of the stream; the
    // process dies with chunks in flight (stored but not yet committed, or not yet stored).
    for (const share of [0.15, 0.4, 0.65]) {
      const child = start();
      await child.running();
      const progress = await waitFor(`${share * 100}% committed`, 120_000, async () => {
        const t = await groupLag(broker.brokers, groupId, prefix);
        return t.committed >= share * total ? t : undefined;
      }, 25);
      child.kill('SIGKILL');
      expect((await child.exited).signal).toBe('SIGKILL');
      note(`SIGKILL at ${progress.committed}/${total} committed (lag ${progress.lag})`);
      expect(progress.lag, 'killed mid-stream').toBeGreaterThan(0);
    }

    const last = start();
    await last.running();
    await waitUntilCaughtUp(broker.brokers, groupId, prefix, total, 180_000);
    note('caught up after the last restart');
    const exit = await stopGracefully(last);
    expect(exit, last.output().slice(-3000)).toEqual({ code: 0, signal: null });

    await importTables(wh.warehouse.client, await exportWarehouse(consumerDir, database));
    const counts = await eventCounts(wh.warehouse.client, tag);
    note(`rows before merging (replays included): ${JSON.stringify(counts.raw)}; distinct: ${JSON.stringify(counts.distinct)}`);
    expect(counts.final).toEqual(stream.distinct);
    expect(counts.distinct).toEqual(stream.distinct);
    expect(await deadLetterCounts(wh.warehouse.client)).toEqual(stream.malformed);
    expect(await kpiFigures(wh.warehouse.client, tag)).toEqual({ refunds: stream.refundIds, refundedRefunds: stream.refundIds, orderCents: stream.orderCents });

    // A kill between producing a dead letter and committing its offset repeats it on the DLQ;
    // readers dedupe by source position, and by that every malformed message is there once.
    const dlq = await readAll(broker.brokers, kafkaTopicNames(prefix).map((n) => n.dlq));
    const positions = new Set(dlq.map((m) => `${m.headers[DLQ_HEADERS.sourceTopic]}/${m.headers[DLQ_HEADERS.sourcePartition]}/${m.headers[DLQ_HEADERS.sourceOffset]}`));
    expect(positions.size).toBe(stream.malformedKeys.size);
    expect(new Set(dlq.map((m) => m.key))).toEqual(stream.malformedKeys);
  }, 600_000);
});
