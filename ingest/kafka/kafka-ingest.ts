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
import { processPartitionBatch, SubmitterCount } from './partition-batch.ts';
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
  const deps = {
    pipeline,
    deadLetters,
    namesBySource: new Map(names.map((n) => [n.source, n])),
    chunkMessages: config.kafkaChunkMessages,
    log,
    backoff: new PartitionBackoff(opts.backoff),
    submitters: new SubmitterCount(pipeline),
  };

  const supervisor = new ConsumerSupervisor(
    () => newConsumer(kafka, config),
    async (consumer) => {
      await consumer.connect();
      // fromBeginning applies only to a group with no committed offset: a new group reads the
      // whole retained history instead of silently starting at "now".
      await consumer.subscribe({ topics: sources, fromBeginning: true });
      await consumer.run({
        partitionsConsumedConcurrently: config.kafkaPartitionsConcurrently,
        eachBatchAutoResolve: false,
        // kafkajs commits only offsets we resolved, and we resolve only stored work; autoCommit
        // just decides when: after each batch, at most every second inside long batches, before
        // a rebalance gives partitions away, and on disconnect.
        autoCommit: true,
        autoCommitInterval: 1_000,
        eachBatch: (payload) => processPartitionBatch(payload, deps),
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
        deps.backoff.stop(); // paused partitions stay paused: their chunks were not committed
        // Stops fetching, waits for the batches in progress (which finish their in-flight
        // chunks), commits the resolved offsets and leaves the group.
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
    // Backpressure: the next fetch starts only after every batch of the previous one is done,
    // so these two bound what is held in memory.
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
