import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from '../../observability/logger.ts';
import { kafkaConsumerLag } from '../../observability/kafka-metrics.ts';

export interface PartitionLag {
  topic: string;
  partition: number;
  highWatermark: number;
  /** The group's committed offset (next message to read); the log start when none yet. */
  committed: number;
  lag: number;
}

/**
 * Lag of a consumer group per partition, as the broker sees it: high watermark minus committed
 * offset. Committed (not merely fetched) is what matters here, because an offset is committed
 * only once its rows are in ClickHouse — so lag 0 means "everything produced is stored".
 */
export async function measureLag(admin: Admin, groupId: string, topics: string[]): Promise<PartitionLag[]> {
  const out: PartitionLag[] = [];
  const committedByTopic = new Map<string, Map<number, number>>();
  for (const t of await admin.fetchOffsets({ groupId, topics })) {
    committedByTopic.set(t.topic, new Map(t.partitions.map((p) => [p.partition, Number(p.offset)])));
  }
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      const high = Number(p.high);
      const committedRaw = committedByTopic.get(topic)?.get(p.partition) ?? -1;
      const committed = committedRaw >= 0 ? committedRaw : Number(p.low);
      out.push({ topic, partition: p.partition, highWatermark: high, committed, lag: Math.max(0, high - committed) });
    }
  }
  return out;
}

export interface LagMonitor {
  stop(): Promise<void>;
}

/**
 * Refreshes the radar_kafka_consumer_lag gauge every `intervalMs` with its own admin client.
 * Failures (broker restarting) are logged at debug and the gauge keeps its last values.
 */
export function startLagMonitor(kafka: Kafka, groupId: string, topics: string[], intervalMs: number, log: Logger): LagMonitor {
  if (intervalMs <= 0) return { stop: async () => undefined };
  const admin = kafka.admin();
  let connected: Promise<void> | undefined;
  let running: Promise<void> | undefined;
  const tick = async () => {
    try {
      connected ??= admin.connect();
      await connected;
      for (const l of await measureLag(admin, groupId, topics)) {
        kafkaConsumerLag.set({ topic: l.topic, partition: String(l.partition) }, l.lag);
      }
    } catch (err) {
      connected = undefined; // reconnect on the next tick
      log.debug({ err }, 'consumer lag not measured this time');
    }
  };
  const timer = setInterval(() => {
    running ??= tick().finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await admin.disconnect().catch(() => undefined);
    },
  };
}
