import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { brokerForTests, type TestBroker } from './test-broker.ts';
import { ensureTopics } from '../../broker/topics.ts';
import { openTestWarehouse, type TestWarehouse } from '../helpers/test-warehouse.ts';
import type { KafkaIngest } from '../../ingest/kafka/kafka-ingest.ts';
import { sourceTopics } from './kafka-test-kit.ts';

/** What a Kafka integration test works on; broker and wh are set once beforeAll has run. */
export interface KafkaTestBed {
  /** Unique per run: event ids, topic prefix and group id carry it, so runs never mix. */
  tag: string;
  prefix: string;
  groupId: string;
  broker: TestBroker;
  wh: TestWarehouse;
  /** An in-process consumer the test started; stopped after the tests. */
  ingest?: KafkaIngest;
}

/**
 * Registers the hooks every Kafka integration test needs: a broker (KAFKA_BROKERS, or a local
 * one; `local` forces a local one the test may restart), the four source topics with 4
 * partitions, and a throwaway warehouse; afterwards the consumer, warehouse and broker stop.
 */
export function kafkaTestBed(label: string, opts: { local?: boolean } = {}): KafkaTestBed {
  const tag = `${label}${randomBytes(3).toString('hex')}`;
  const bed = { tag, prefix: `test-${tag}-`, groupId: `radar-test-${tag}` } as KafkaTestBed;
  beforeAll(async () => {
    bed.broker = await brokerForTests(opts.local ? { local: true } : {});
    await ensureTopics(bed.broker.brokers, sourceTopics(bed.prefix), 4);
    bed.wh = await openTestWarehouse();
  }, 300_000);
  afterAll(async () => {
    await bed.ingest?.stop();
    await bed.wh?.close();
    await bed.broker?.stop();
  }, 120_000);
  return bed;
}
