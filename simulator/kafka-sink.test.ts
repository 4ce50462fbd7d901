import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerForTests, type TestBroker } from '../test/kafka/test-broker.ts';
import { ensureTopics } from '../broker/topics.ts';
import { TOPICS, type Topic } from '../contracts/index.ts';
import { createKafkaSink } from './kafka-sink.ts';
import { KEY_FIELD } from './sink.ts';
import { createSimulation } from './simulation.ts';
import { HOUR } from './time.ts';

/** The Kafka sink against a real broker (DESIGN §9: no mocked Kafka). */

const prefix = `simtest-${process.pid}-${Date.now()}.`;
let broker: TestBroker;

beforeAll(async () => {
  broker = await brokerForTests();
  await ensureTopics(broker.brokers, TOPICS.map((t) => `${prefix}${t}`), 3);
}, 300_000);

afterAll(async () => {
  await broker?.stop();
}, 60_000);

interface Consumed {
  key: string;
  value: string;
  partition: number;
}

async function consumeAll(topic: string, expected: number): Promise<Consumed[]> {
  const kafka = new Kafka({ clientId: 'simtest', brokers: broker.brokers.split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `${topic}-check` });
  const out: Consumed[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${out.length} of ${expected} messages on ${topic}`)), 60_000);
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          out.push({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', partition });
          if (out.length >= expected) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return out;
}

describe('kafka sink', () => {
  it('produces every event as JSON keyed by its entity, one refund per partition, large batches split under the size limit', async () => {
    const anchor = Date.UTC(2025, 2, 15, 14, 0, 0); // 22:00 China time: sessions are live
    const records = [...createSimulation({ seed: 11, anchorMs: anchor }).events(anchor - 6 * HOUR, anchor)];
    const byTopic = new Map<Topic, object[]>();
    for (const r of records) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r.event]);
    const sink = createKafkaSink({ brokers: broker.brokers.split(','), topicPrefix: prefix });
    try {
      // One call with far more than 1 MiB of transcripts: the sink must split it.
      for (const [topic, events] of byTopic) await sink.send(topic, events);
    } finally {
      await sink.close();
    }
    expect(JSON.stringify(byTopic.get('livestream-transcripts')).length).toBeGreaterThan(2_000_000);

    for (const topic of ['refunds', 'livestream-transcripts'] as const) {
      const sent = byTopic.get(topic) ?? [];
      const got = await consumeAll(`${prefix}${topic}`, sent.length);
      expect(got).toHaveLength(sent.length);
      const partitionOfKey = new Map<string, number>();
      for (const message of got) {
        const event = JSON.parse(message.value) as Record<string, unknown>;
        expect(message.key).toBe(event[KEY_FIELD[topic]]);
        const partition = partitionOfKey.get(message.key);
        if (partition !== undefined) expect(message.partition).toBe(partition);
        partitionOfKey.set(message.key, message.partition);
      }
      expect(new Set(got.map((m) => m.value))).toEqual(new Set(sent.map((e) => JSON.stringify(e))));
    }
  }, 120_000);
});
