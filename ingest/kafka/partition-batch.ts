import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { Logger } from '../../observability/logger.ts';
import { kafkaEventsConsumed, kafkaInsertRetries } from '../../observability/kafka-metrics.ts';
import type { DeadLetter } from '../outcomes.ts';
import type { IngestPipeline } from '../pipeline.ts';
import type { PartitionBackoff } from './backoff.ts';
import type { DeadLetterProducer, KafkaDeadLetter } from './dead-letter-producer.ts';
import { prepareChunk, splitIntoRuns, type MessageChunk } from './message-chunk.ts';
import type { KafkaTopicNames } from './topic-names.ts';

export interface PartitionBatchDeps {
  pipeline: IngestPipeline;
  deadLetters: DeadLetterProducer;
  /** Product topic and DLQ of each Kafka topic consumed. */
  namesBySource: Map<string, KafkaTopicNames>;
  chunkMessages: number;
  log: Logger;
  backoff: PartitionBackoff;
  submitters: SubmitterCount;
}

/**
 * Counts partition batches still handing chunks to the pipeline. When none is left, no more
 * rows can arrive until these are stored (kafkajs fetches again only after every batch of the
 * last fetch is done), so the pipeline's partly filled batches are sealed at once instead of
 * waiting out their timer (RADAR_INGEST_BATCH_MS): without this, every fetch cycle would end
 * with the consumer idle for that long.
 */
export class SubmitterCount {
  private active = 0;
  constructor(private readonly pipeline: IngestPipeline) {}

  /** Registers a batch that is about to submit; leave() (idempotent) when it has no more. */
  enter(): { leave: () => void } {
    this.active++;
    let left = false;
    return {
      leave: () => {
        if (left) return;
        left = true;
        if (--this.active === 0) void this.pipeline.flush();
      },
    };
  }
}

/**
 * Chunks of one partition handed to the pipeline before the oldest is confirmed. The JS thread
 * validates the next chunk while ClickHouse inserts the previous one; the bound keeps a huge
 * batch from queueing all of itself at once.
 */
const CHUNKS_AHEAD = 4;

/** Errors by which the coordinator says this member's assignment is changing or gone. */
const GROUP_CHANGE = new Set(['REBALANCE_IN_PROGRESS', 'NOT_COORDINATOR_FOR_GROUP', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID']);
const isGroupChange = (err: unknown) => GROUP_CHANGE.has(String((err as { type?: unknown } | null)?.type));

/**
 * eachBatch for one partition's batch.
 *
 * Offset-commit invariant: resolveOffset(o) is called only after every message up to o is in
 * ClickHouse (valid rows in their table, bad ones in dead_letters) and every bad one is on the
 * DLQ topic; chunks are resolved strictly in order, so a committed offset never jumps over a
 * chunk that is still failing. kafkajs (autoCommit on, eachBatchAutoResolve off) commits only
 * resolved offsets, so a crash at any point replays from the last safe offset, and
 * ReplacingMergeTree merges the replayed rows away.
 *
 * Failure (ClickHouse or the DLQ producer throws): the chunks after the failed one are let
 * finish, nothing more is resolved, and the partition is paused for a doubling delay. kafkajs
 * fetches a partition from its last resolved offset, so on resume the failed chunk is read and
 * tried again — nothing skipped, nothing committed meanwhile. Pausing (instead of retrying
 * inside this call) matters: kafkajs fetches again only when every batch of the last fetch is
 * done, so one partition waiting here would stall every other partition and topic.
 *
 * Rebalance and shutdown: once the group changes or the consumer stops, no new chunk is started;
 * chunks in flight are finished and resolved, and kafkajs commits them before the partitions are
 * given up or the member leaves.
 */
export async function processPartitionBatch(payload: EachBatchPayload, deps: PartitionBatchDeps): Promise<void> {
  const { batch, heartbeat, isRunning, isStale } = payload;
  const names = deps.namesBySource.get(batch.topic);
  if (!names) throw new Error(`consumer received topic ${batch.topic}, which it did not subscribe to`);

  let groupChange: unknown;
  const keepAlive = async () => {
    try {
      await heartbeat();
    } catch (err) {
      if (isGroupChange(err)) groupChange ??= err;
      // Anything else (a broker blip) is kafkajs's to handle; the next heartbeat tells.
      else deps.log.debug({ err, topic: batch.topic, partition: batch.partition }, 'heartbeat failed');
    }
  };
  const mustStop = () => !isRunning() || isStale() || groupChange !== undefined;

  const submitter = deps.submitters.enter();
  try {
    await storeInOrder(payload, deps, names, splitIntoRuns(batch.messages, deps.chunkMessages), {
      keepAlive,
      mustStop,
      submitted: submitter.leave,
    });
  } finally {
    submitter.leave();
  }
  // Rethrown so kafkajs rejoins at once (it commits what was resolved first) instead of
  // fetching again until its next scheduled heartbeat notices the rebalance.
  if (groupChange !== undefined) throw groupChange;
}

interface LoopHooks {
  keepAlive(): Promise<void>;
  mustStop(): boolean;
  /** Called once no further chunk of this batch will be handed to the pipeline. */
  submitted(): void;
}

/** Hands chunks to the pipeline (up to CHUNKS_AHEAD at once) and resolves them in order. */
async function storeInOrder(
  payload: EachBatchPayload,
  deps: PartitionBatchDeps,
  names: KafkaTopicNames,
  runs: KafkaMessage[][],
  hooks: LoopHooks,
): Promise<void> {
  const { batch, resolveOffset, commitOffsetsIfNecessary } = payload;
  const key = `${batch.topic}/${batch.partition}`;
  const inFlight: { chunk: MessageChunk; attempt: Promise<void> }[] = [];
  let next = 0;
  while (next < runs.length || inFlight.length > 0) {
    const stopping = hooks.mustStop();
    if (next < runs.length && inFlight.length < CHUNKS_AHEAD && !stopping) {
      const chunk = prepareChunk(runs[next++]!, batch.partition);
      const attempt = writeChunk(deps, names, batch.partition, chunk);
      attempt.catch(() => undefined); // awaited in order below; never an unhandled rejection
      inFlight.push({ chunk, attempt });
      // Let inserts already queued start (their file writes and callbacks need this thread).
      await new Promise((r) => setImmediate(r));
      continue;
    }
    if (next === runs.length || stopping) hooks.submitted();
    if (inFlight.length === 0) return; // stopping, and nothing left to finish
    const { chunk, attempt } = inFlight.shift()!;
    try {
      await attempt;
    } catch (err) {
      // Later chunks may succeed, but resolving them would commit past this one; let them
      // finish so nothing of this batch still runs when the partition is read again.
      await Promise.allSettled(inFlight.map((f) => f.attempt));
      pauseForRetry(payload, deps, names, key, chunk, err);
      return;
    }
    deps.backoff.succeeded(key);
    resolveOffset(chunk.lastOffset);
    kafkaEventsConsumed.inc({ topic: names.topic }, chunk.size);
    await hooks.keepAlive();
    await commitOffsetsIfNecessary();
  }
}

function pauseForRetry(
  payload: EachBatchPayload,
  deps: PartitionBatchDeps,
  names: KafkaTopicNames,
  key: string,
  chunk: MessageChunk,
  err: unknown,
): void {
  const delayMs = deps.backoff.failed(key);
  kafkaInsertRetries.inc({ topic: names.topic });
  deps.log.warn(
    {
      err,
      topic: payload.batch.topic,
      partition: payload.batch.partition,
      firstOffset: chunk.positions[0]?.offset ?? chunk.lastOffset,
      attempt: deps.backoff.attempts(key),
      retryInMs: delayMs,
    },
    'kafka: chunk not stored; partition paused, nothing committed, will read it again',
  );
  const resume = payload.pause();
  deps.backoff.schedule(delayMs, resume);
}

/** Valid rows and dead letters of one chunk into ClickHouse, then dead letters to the DLQ. */
async function writeChunk(deps: PartitionBatchDeps, names: KafkaTopicNames, partition: number, chunk: MessageChunk): Promise<void> {
  const unreadable: DeadLetter[] = chunk.unreadable.map(({ message, reason }) => ({
    topic: names.topic,
    source: 'kafka',
    raw: message.value ?? Buffer.alloc(0),
    reason,
    errors: [reason],
    position: { partition, offset: message.offset },
  }));
  const [report] = await Promise.all([
    chunk.lines.length > 0
      ? deps.pipeline.ingestLines(names.topic, chunk.lines, 'kafka', { positions: chunk.positions, rawBytes: chunk.rawBytes })
      : undefined,
    unreadable.length > 0 ? deps.pipeline.deadLetter(unreadable) : undefined,
  ]);
  const letters: KafkaDeadLetter[] = chunk.unreadable.map(({ message, reason }) => dlqLetter(names.source, partition, message, reason, [reason]));
  for (const r of report?.rejected ?? []) {
    letters.push(dlqLetter(names.source, partition, chunk.lineMessages[r.line - 1]!, r.reason, r.errors));
  }
  letters.sort((a, b) => Number(a.offset) - Number(b.offset));
  await deps.deadLetters.send(names.dlq, names.topic, letters);
}

function dlqLetter(sourceTopic: string, partition: number, m: KafkaMessage, reason: string, errors: string[]): KafkaDeadLetter {
  return { sourceTopic, partition, offset: m.offset, timestamp: m.timestamp, key: m.key, value: m.value, reason, errors };
}
