import { Kafka, logLevel, Partitioners, type Admin, type IHeaders } from 'kafkajs';
import { measureLag, type PartitionLag } from '../../ingest/kafka/lag-monitor.ts';
import { kafkaTopicNames } from '../../ingest/kafka/topic-names.ts';
import type { StreamMessage } from './mixed-stream.ts';

// Kafka plumbing shared by the integration tests: produce a stream, wait on the group's
// committed offsets, read the DLQs back. Waits poll a condition with a deadline — no sleeps.

export const testKafka = (brokers: string) =>
  new Kafka({ clientId: 'radar-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 8 } });

export async function withAdmin<T>(brokers: string, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = testKafka(brokers).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Timestamped progress lines on stderr, so a slow or failing run shows where its time went. */
export function progressNotes(label: string): (what: string) => void {
  const t0 = Date.now();
  return (what) => process.stderr.write(`[${label} +${((Date.now() - t0) / 1000).toFixed(1)} s] ${what}\n`);
}

/** Polls `check` until it returns a value other than undefined, or fails naming `what`. */
export async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err; // e.g. the broker restarting; keep polling until the deadline
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Produces messages in order (one send at a time, so each partition keeps the stream's order). */
export async function produceStream(brokers: string, prefix: string, messages: StreamMessage[], batch = 2_000): Promise<void> {
  const producer = testKafka(brokers).producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += batch) {
      const byTopic = new Map<string, { key: string | null; value: Buffer | null }[]>();
      for (const m of messages.slice(i, i + batch)) {
        const topic = `${prefix}${m.topic}`;
        if (!byTopic.has(topic)) byTopic.set(topic, []);
        byTopic.get(topic)!.push({ key: m.key, value: m.value });
      }
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })) });
    }
  } finally {
    await producer.disconnect();
  }
}

export function sourceTopics(prefix: string): string[] {
  return kafkaTopicNames(prefix).map((n) => n.source);
}

export function totalLag(lags: PartitionLag[]): { lag: number; committed: number; high: number } {
  return lags.reduce((s, l) => ({ lag: s.lag + l.lag, committed: s.committed + l.committed, high: s.high + l.highWatermark }), { lag: 0, committed: 0, high: 0 });
}

export async function groupLag(brokers: string, groupId: string, prefix: string) {
  return totalLag(await withAdmin(brokers, (admin) => measureLag(admin, groupId, sourceTopics(prefix))));
}

/** Waits until the group has committed every message produced so far: all of it is stored. */
export async function waitUntilCaughtUp(brokers: string, groupId: string, prefix: string, expectedMessages: number, timeoutMs: number) {
  return waitFor(`group ${groupId} to commit all ${expectedMessages} messages`, timeoutMs, async () => {
    const t = await groupLag(brokers, groupId, prefix);
    return t.high >= expectedMessages && t.lag === 0 ? t : undefined;
  }, 200);
}

export interface DlqMessage {
  topic: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** Reads every message currently on the given topics (with a throwaway group). */
export async function readAll(brokers: string, topics: string[], timeoutMs = 60_000): Promise<DlqMessage[]> {
  const expected = await withAdmin(brokers, async (admin) => {
    let n = 0;
    for (const t of topics) for (const p of await admin.fetchTopicOffsets(t)) n += Number(p.high) - Number(p.low);
    return n;
  });
  const consumer = testKafka(brokers).consumer({ groupId: `radar-test-reader-${process.pid}-${Date.now()}`, maxWaitTimeInMs: 100 });
  const seen: DlqMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        seen.push({ topic, key: message.key?.toString() ?? null, value: message.value, headers: stringHeaders(message.headers) });
      },
    });
    await waitFor(`${expected} messages on ${topics.join(', ')}`, timeoutMs, async () => (seen.length >= expected ? true : undefined));
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k] = Array.isArray(v) ? String(v[0]) : String(v ?? '');
  return out;
}
