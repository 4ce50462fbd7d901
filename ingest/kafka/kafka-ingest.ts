import type { Consumer, Kafka } from 'kafkajs';
import { ensureTopics } from '../../broker/topics.ts';
import type { Config } from '../../config/config.ts';
import type { Logger } from '../../observability/logger.ts';
import type { IngestPipeline } from '../pipeline.ts';
import { PartitionBackoff, type BackoffOptions } from './backoff.ts';
import { ConsumerSupervisor } from './consumer-supervisor.ts';
import { DeadLetterProducer } from './dead-letter-producer.ts';
import { createKafka } from './kafka-client.ts';
import { startLagMonitor } from './lag-monitor.ts';
import { OffsetCommitter } from './offset-committer.ts';
import { OffsetTracker } from './offset-tracker.ts';
import { processPartitionBatch, type ConsumerOffsets, type PartitionBatchDeps } from './partition-batch.ts';
import { PendingBudget } from './pending-budget.ts';
import { assertTopicsExist, kafkaTopicNames, type KafkaTopicNames } from './topic-names.ts';

export type KafkaIngestConfig = Pick<
  Config,
  | 'kafkaBrokers'
  | 'kafkaGroupId'
  | 'kafkaTopicPrefix'
  | 'kafkaFetchMaxWaitMs'
  | 'kafkaPartitionsConcurrently'
  | 'kafkaMaxBytesPerPartition'
  | 'kafkaMaxBytes'
  | 'kafkaChunkMessages'
  | 'kafkaMaxPendingBytes'
  | 'kafkaLagIntervalMs'
  | 'kafkaSessionTimeoutMs'
>;

export interface StartKafkaIngestOptions {
  pipeline: IngestPipeline;
  config: KafkaIngestConfig;
  log: Logger;
  /** Create missing topics and DLQs with this many partitions, instead of failing on them. */
  createTopics?: { partitions: number };
  /** Retry timing when ClickHouse fails (tests shorten it). */
  backoff?: BackoffOptions;
}

export interface KafkaIngest {
  groupId: string;
  topics: KafkaTopicNames[];
  /** Finishes in-flight chunks, commits their offsets, leaves the group, disconnects. */
  stop(): Promise<void>;
}

/**
 * Consumes the four product topics in one consumer group and feeds them through the ingest
 * pipeline; see partition-batch.ts for when offsets are committed. Resolves once the consumer
 * has joined its group and is running; throws at once when topics are missing or the brokers
 * cannot be reached, since those need an operator rather than retries.
 */
export async function startKafkaIngest(opts: StartKafkaIngestOptions): Promise<KafkaIngest> {
  const { pipeline, config, log } = opts;
  if (!config.kafkaBrokers) throw new Error('KAFKA_BROKERS is not set: Kafka ingest needs the brokers to read from');
  const kafka = createKafka(config.kafkaBrokers, `radar-ingest-${process.pid}`, log);
  const names = kafkaTopicNames(config.kafkaTopicPrefix);
  const sources = names.map((n) => n.source);
  if (opts.createTopics) await ensureTopics(config.kafkaBrokers, sources, opts.createTopics.partitions);
  else await assertTopicsExist(kafka, names);

  const deadLetters = new DeadLetterProducer(kafka, log);
  await deadLetters.connect();
  let stopping = false;
  const deps: PartitionBatchDeps = {
    pipeline,
    deadLetters,
    namesBySource: new Map(names.map((n) => [n.source, n])),
    chunkMessages: config.kafkaChunkMessages,
    log,
    backoff: new PartitionBackoff(opts.backoff),
    budget: new PendingBudget(config.kafkaMaxPendingBytes),
    stopping: () => stopping,
  };
  let session: ConsumerOffsets | undefined;

  const supervisor = new ConsumerSupervisor(
    () => newConsumer(kafka, config),
    async (consumer) => {
      const tracker = new OffsetTracker();
      const offsets: ConsumerOffsets = { consumer, tracker, committer: new OffsetCommitter(consumer, tracker, log) };
      session = offsets;
      // On every new generation: forget lost partitions, and continue kept ones where we were
      // (kafkajs alone would restart them at the committed offset and replay what is in flight).
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        for (const seek of tracker.assign(payload.memberAssignment)) {
          try {
            consumer.seek(seek);
          } catch (err) {
            // Then kafkajs reads from the committed offset: a replay, merged away, not a loss.
            log.warn({ err, ...seek }, 'kafka: could not continue a kept partition where it was');
          }
        }
      });
      // kafkajs is about to rejoin (commits of this generation are still accepted meanwhile):
      // commit what is stored before partitions may move.
      consumer.on(consumer.events.REBALANCING, () => offsets.committer.schedule());
      await consumer.connect();
      // fromBeginning applies only to a group with no committed offset: a new group reads the
      // whole retained history instead of silently starting at "now".
      await consumer.subscribe({ topics: sources, fromBeginning: true });
      await consumer.run({
        partitionsConsumedConcurrently: config.kafkaPartitionsConcurrently,
        eachBatchAutoResolve: false,
        // kafkajs would commit its fetch position, which runs ahead of what is stored; offsets
        // are committed by the OffsetCommitter from the tracker's stored prefix instead.
        autoCommit: false,
        eachBatch: (payload) => processPartitionBatch(payload, deps, offsets),
      });
    },
    log,
  );
  try {
    await supervisor.start();
  } catch (err) {
    await supervisor.stop().catch(() => undefined);
    await deadLetters.disconnect().catch(() => undefined);
    throw err;
  }
  const lag = startLagMonitor(kafka, config.kafkaGroupId, sources, config.kafkaLagIntervalMs, log);
  log.info({ brokers: config.kafkaBrokers, groupId: config.kafkaGroupId, topics: sources }, 'kafka ingest running');

  let stopped: Promise<void> | undefined;
  return {
    groupId: config.kafkaGroupId,
    topics: names,
    stop: () =>
      (stopped ??= (async () => {
        stopping = true; // batches in progress hand over no further chunk
        deps.backoff.stop(); // paused partitions stay paused: their chunks were not committed
        // Nothing more to fetch (fetching would only spin: every batch now returns at once).
        try {
          session?.consumer.pause(sources.map((topic) => ({ topic })));
        } catch {
          // A consumer being rebuilt has not run yet: it fetches nothing to pause.
        }
        // Every chunk handed over is stored (or failed), then the stored prefix is committed
        // while the consumer still runs (kafkajs drops commits after it stops), then the member
        // leaves the group.
        await deps.budget.drained();
        await session?.committer.flush();
        await supervisor.stop();
        await lag.stop();
        await deadLetters.disconnect();
        log.info({ groupId: config.kafkaGroupId }, 'kafka ingest stopped');
      })()),
  };
}

function newConsumer(kafka: Kafka, config: KafkaIngestConfig): Consumer {
  return kafka.consumer({
    groupId: config.kafkaGroupId,
    // Short fetch waits: an idle partition answers within ~100 ms, so an event reaches
    // ClickHouse in well under a second instead of waiting out kafkajs's 5 s default.
    maxWaitTimeInMs: config.kafkaFetchMaxWaitMs,
    // The next fetch starts once every batch of the previous one is handed to the pipeline;
    // these two bound one fetch, KAFKA_MAX_PENDING_BYTES what waits for ClickHouse.
    maxBytesPerPartition: config.kafkaMaxBytesPerPartition,
    maxBytes: config.kafkaMaxBytes,
    // A member that dies without leaving (SIGKILL, OOM) holds its partitions until its session
    // times out; heartbeats every tenth of it leave room for a slow event loop.
    sessionTimeout: config.kafkaSessionTimeoutMs,
    heartbeatInterval: Math.min(3_000, Math.floor(config.kafkaSessionTimeoutMs / 10)),
    rebalanceTimeout: 60_000,
    allowAutoTopicCreation: false,
  });
}
