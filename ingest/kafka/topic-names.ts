import type { Kafka } from 'kafkajs';
import { dlqTopic } from '../../broker/topics.ts';
import { TOPICS, type Topic } from '../../contracts/index.ts';

/** A product topic, the Kafka topic it is read from, and that topic's dead-letter topic. */
export interface KafkaTopicNames {
  topic: Topic;
  source: string;
  dlq: string;
}

/**
 * Kafka topic names of the four product topics. A prefix (KAFKA_TOPIC_PREFIX) lets several
 * environments, or test runs, share one cluster without seeing each other's events.
 */
export function kafkaTopicNames(prefix: string): KafkaTopicNames[] {
  return TOPICS.map((topic) => ({ topic, source: `${prefix}${topic}`, dlq: dlqTopic(`${prefix}${topic}`) }));
}

/** Topics the consumer needs are missing: an operator's setup step, not something to retry. */
export class MissingTopicsError extends Error {
  constructor(readonly missing: string[]) {
    super(`Kafka topics missing: ${missing.join(', ')}; create them with \`radar kafka init\``);
    this.name = 'MissingTopicsError';
  }
}

/**
 * Fails with the command that fixes it when a topic or DLQ is missing. The consumer must not
 * start without its DLQs: a dead letter that cannot be produced would hold its partition back.
 */
export async function assertTopicsExist(kafka: Kafka, names: KafkaTopicNames[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = names.flatMap((n) => [n.source, n.dlq]).filter((t) => !existing.has(t));
    if (missing.length > 0) throw new MissingTopicsError(missing);
  } finally {
    await admin.disconnect();
  }
}
