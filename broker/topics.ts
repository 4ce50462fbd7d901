import { Kafka, logLevel } from 'kafkajs';

import { TOPICS } from '../contracts/index.ts';

/** Dead-letter topic of a topic: bad messages land here with their raw bytes and the reason. */
export const DLQ_SUFFIX = '.dlq';
export const dlqTopic = (topic: string): string => `${topic}${DLQ_SUFFIX}`;

const LEADER_WAIT_MS = 30_000;

/**
 * Creates each topic and its `<topic>.dlq` when missing; existing topics are left as they are
 * (never re-partitioned: adding partitions would move keys and break per-key ordering).
 * Safe to call from several processes at once.
 */
export async function ensureTopics(brokers: string, topics: readonly string[], partitions: number): Promise<void> {
  if (!Number.isInteger(partitions) || partitions < 1) throw new Error(`partitions must be ≥ 1, got ${partitions}`);
  const wanted = [...new Set(topics.flatMap((t) => [t, dlqTopic(t)]))];
  // Silent client: the retriable errors of a fresh topic are expected here, and anything fatal
  // is thrown to the caller anyway.
  const kafka = new Kafka({ clientId: 'radar-ensure-topics', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + LEADER_WAIT_MS;
    for (;;) {
      const existing = new Set(await admin.listTopics());
      const missing = wanted.filter((t) => !existing.has(t));
      if (missing.length === 0) break;
      try {
        // Replication factor left to the cluster's default.replication.factor, so the same call
        // works on the one-node dev broker and on a real cluster.
        await admin.createTopics({
          topics: missing.map((topic) => ({ topic, numPartitions: partitions })),
          waitForLeaders: true,
        });
        break;
      } catch (err) {
        // A busy broker can answer the leader wait with UNKNOWN_TOPIC_OR_PARTITION while the
        // controller's metadata reaches it (seen under load); Kafka marks such errors retriable.
        if ((err as { retriable?: unknown }).retriable !== true || Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    // createTopics skips its leader wait when another process created some of the topics first
    // (it reports TOPIC_ALREADY_EXISTS), so wait explicitly: producing before leaders exist fails.
    await waitUntilWritable(admin, wanted);
  } finally {
    await admin.disconnect();
  }
}

/** The product's topics (orders, refunds, livestream-transcripts, logistics) and their DLQs. */
export function ensureProductTopics(brokers: string, partitions: number): Promise<void> {
  return ensureTopics(brokers, TOPICS, partitions);
}

type Admin = ReturnType<Kafka['admin']>;

/**
 * Metadata names a leader slightly before that broker has taken the partition over (KRaft applies
 * the change asynchronously), and a produce in that gap gets NOT_LEADER. ListOffsets is answered
 * by the leader itself, so once it succeeds for every partition, producers can write at once.
 */
async function waitUntilWritable(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + LEADER_WAIT_MS;
  let pending: string[] = topics;
  for (;;) {
    const next: string[] = [];
    for (const topic of pending) {
      try {
        await admin.fetchTopicOffsets(topic);
      } catch {
        next.push(topic);
      }
    }
    pending = next;
    if (pending.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`topics not writable after ${LEADER_WAIT_MS / 1000} s: ${pending.join(', ')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
