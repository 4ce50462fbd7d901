import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPICS } from '../contracts/index.ts';
import { brokerStatus } from './kafka-broker.ts';
import { brokerForTests, type TestBroker } from '../test/kafka/test-broker.ts';
import { dlqTopic, ensureTopics } from './topics.ts';

// Unique names keep the test repeatable against a long-lived KAFKA_BROKERS cluster.
const run = randomBytes(4).toString('hex');
const topicNames = TOPICS.map((t) => `test-${run}-${t}`);

const client = (brokers: string, retries = 5, level = logLevel.WARN) =>
  new Kafka({ clientId: 'broker-test', brokers: brokers.split(','), logLevel: level, retry: { retries } });

async function produce(brokers: string, topic: string, key: string, value: string, expectFailure = false): Promise<void> {
  // The failure case retries once and stays quiet: its errors are the expected outcome.
  const c = expectFailure ? client(brokers, 1, logLevel.NOTHING) : client(brokers);
  const producer = c.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: [{ key, value }] });
  } finally {
    await producer.disconnect();
  }
}

/** Reads `count` messages as consumer group `groupId`, committing each one. */
async function consume(brokers: string, topic: string, groupId: string, count: number): Promise<string[]> {
  const consumer = client(brokers).consumer({ groupId });
  const seen: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`got ${seen.length}/${count} messages from ${topic}`)), 45_000);
      consumer
        .run({
          autoCommitThreshold: 1,
          eachMessage: async ({ message }) => {
            seen.push(message.value?.toString() ?? '');
            if (seen.length >= count) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

async function partitionCounts(brokers: string, topics: string[]): Promise<Record<string, number>> {
  const admin = client(brokers).admin();
  await admin.connect();
  try {
    const { topics: meta } = await admin.fetchTopicMetadata({ topics });
    return Object.fromEntries(meta.map((t) => [t.name, t.partitions.length]));
  } finally {
    await admin.disconnect();
  }
}

async function listTopics(brokers: string): Promise<string[]> {
  const admin = client(brokers).admin();
  await admin.connect();
  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

describe('Kafka broker for development and tests', () => {
  let broker: TestBroker;

  // Generous: the very first run on a machine downloads ~46 MB of jars through Maven.
  beforeAll(async () => {
    broker = await brokerForTests();
  }, 300_000);

  afterAll(async () => {
    await broker?.stop();
  }, 60_000);

  it('creates every topic and its DLQ with 4 partitions, idempotently', async () => {
    await ensureTopics(broker.brokers, topicNames, 4);
    const all = topicNames.flatMap((t) => [t, dlqTopic(t)]);
    const expected = Object.fromEntries(all.map((t) => [t, 4]));
    expect(await partitionCounts(broker.brokers, all)).toEqual(expected);

    // Again, and twice at once (two services booting together): no error, nothing changes.
    await ensureTopics(broker.brokers, topicNames, 4);
    await Promise.all([ensureTopics(broker.brokers, topicNames, 8), ensureTopics(broker.brokers, topicNames, 4)]);
    expect(await partitionCounts(broker.brokers, all)).toEqual(expected);
    const ours = (await listTopics(broker.brokers)).filter((t) => t.startsWith(`test-${run}-`));
    expect(ours.sort()).toEqual([...all].sort());
  });

  it('refuses to auto-create topics', async () => {
    if (broker.external) return; // an external cluster's policy is not ours to assert
    await expect(produce(broker.brokers, `test-${run}-nope`, 'k', 'v', true)).rejects.toThrow();
    expect(await listTopics(broker.brokers)).not.toContain(`test-${run}-nope`);
  });

  it('produces and consumes a message', async () => {
    const topic = topicNames[0]!;
    await produce(broker.brokers, topic, 'order-1', 'hello');
    expect(await consume(broker.brokers, topic, `g-${run}-roundtrip`, 1)).toEqual(['hello']);
  });

  it('keeps topics, messages and committed offsets across a restart on the same port', async () => {
    // Restarting someone else's cluster is not an option, so with KAFKA_BROKERS this test brings
    // its own broker instead of skipping.
    const local = broker.restart ? broker : await brokerForTests({ local: true });
    try {
      const restart = local.restart;
      if (!restart || !local.dataDir) throw new Error('brokerForTests gave a local broker without restart()');
      const topic = topicNames[1]!;
      if (local !== broker) await ensureTopics(local.brokers, topicNames, 4);
      const before = local.brokers;
      await produce(before, topic, 'refund-1', 'before-restart');
      const group = `g-${run}-restart`;
      expect(await consume(before, topic, group, 1)).toEqual(['before-restart']);

      const after = await restart();
      expect(after).toBe(before);
      expect((await brokerStatus(local.dataDir)).running).toBe(true);

      expect(await listTopics(after)).toEqual(expect.arrayContaining([topic, dlqTopic(topic)]));
      expect(await partitionCounts(after, [topic])).toEqual({ [topic]: 4 });
      // A fresh group reads from the beginning: the message is still on disk.
      expect(await consume(after, topic, `g-${run}-fresh`, 1)).toEqual(['before-restart']);
      // The first group resumes from its committed offset, so it sees only the new message.
      await produce(after, topic, 'refund-2', 'after-restart');
      expect(await consume(after, topic, group, 1)).toEqual(['after-restart']);
    } finally {
      if (local !== broker) await local.stop();
    }
  }, 180_000);
});
