import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DLQ_HEADERS } from './dead-letter-producer.ts';
import { kafkaTopicNames } from './topic-names.ts';
import { exportWarehouse, importTables, smallFetchEnv, spawnIngest, stopGracefully, type IngestChild } from '../../test/kafka/ingest-process.ts';
import { groupLag, produceStream, progressNotes, readAll, waitFor, waitUntilCaughtUp } from '../../test/kafka/kafka-test-kit.ts';
import { kafkaTestBed } from '../../test/kafka/kafka-test-bed.ts';
import { mixedStream } from '../../test/kafka/mixed-stream.ts';
import { deadLetterCounts, eventCounts, kpiFigures } from '../../test/kafka/warehouse-checks.ts';

const bed = kafkaTestBed('crash');
const { tag, prefix, groupId } = bed;
const database = 'radar';
const CHILD_ENV = smallFetchEnv(6000);

describe('Kafka ingest consumer killed with SIGKILL mid-stream and restarted', () => {
  const consumerDir = mkdtempSync(join(tmpdir(), 'radar-consumer-'));
  const children: IngestChild[] = [];

  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(consumerDir, { recursive: true, force: true });
  }, 120_000);

  it('loses no event and counts none twice', async () => {
    const stream = mixedStream({ tag, events: 100_000, malformedRate: 0.03, duplicateRate: 0.03 });
    const total = stream.messages.length;
    const note = progressNotes('consumer-crash');
    await produceStream(bed.broker.brokers, prefix, stream.messages);
    note(`produced ${total} messages`);
    const start = () => {
      const child = spawnIngest({ brokers: bed.broker.brokers, groupId, prefix, dataDir: consumerDir, database, env: CHILD_ENV });
      children.push(child);
      return child;
    };

    // Each run is killed once the group has committed a further share of the stream; the
    // process dies with chunks in flight (stored but not yet committed, or not yet stored).
    for (const share of [0.15, 0.4, 0.65]) {
      const child = start();
      await child.running();
      const progress = await waitFor(`${share * 100}% committed`, 120_000, async () => {
        const t = await groupLag(bed.broker.brokers, groupId, prefix);
        return t.committed >= share * total ? t : undefined;
      }, 25);
      child.kill('SIGKILL');
      expect((await child.exited).signal).toBe('SIGKILL');
      note(`SIGKILL at ${progress.committed}/${total} committed (lag ${progress.lag})`);
      expect(progress.lag, 'killed mid-stream').toBeGreaterThan(0);
    }

    const last = start();
    await last.running();
    await waitUntilCaughtUp(bed.broker.brokers, groupId, prefix, total, 180_000);
    note('caught up after the last restart');
    const exit = await stopGracefully(last);
    expect(exit, last.output().slice(-3000)).toEqual({ code: 0, signal: null });

    await importTables(bed.wh.warehouse.client, await exportWarehouse(consumerDir, database));
    const counts = await eventCounts(bed.wh.warehouse.client, tag);
    note(`rows before merging (replays included): ${JSON.stringify(counts.raw)}; distinct: ${JSON.stringify(counts.distinct)}`);
    expect(counts.final).toEqual(stream.distinct);
    expect(counts.distinct).toEqual(stream.distinct);
    expect(await deadLetterCounts(bed.wh.warehouse.client)).toEqual(stream.malformed);
    expect(await kpiFigures(bed.wh.warehouse.client, tag)).toEqual({ refunds: stream.refundIds, refundedRefunds: stream.refundIds, orderCents: stream.orderCents });

    // A kill between producing a dead letter and committing its offset repeats it on the DLQ;
    // readers dedupe by source position, and by that every malformed message is there once.
    const dlq = await readAll(bed.broker.brokers, kafkaTopicNames(prefix).map((n) => n.dlq));
    const positions = new Set(dlq.map((m) => `${m.headers[DLQ_HEADERS.sourceTopic]}/${m.headers[DLQ_HEADERS.sourcePartition]}/${m.headers[DLQ_HEADERS.sourceOffset]}`));
    expect(positions.size).toBe(stream.malformedKeys.size);
    expect(new Set(dlq.map((m) => m.key))).toEqual(stream.malformedKeys);
  }, 600_000);
});
