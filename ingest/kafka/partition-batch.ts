import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { Logger } from '../../observability/logger.ts';
import { kafkaEventsConsumed, kafkaInsertRetries, kafkaPendingBytes } from '../../observability/kafka-metrics.ts';
import type { DeadLetter } from '../outcomes.ts';
import type { IngestPipeline } from '../pipeline.ts';
import type { PartitionBackoff } from './backoff.ts';
import type { DeadLetterProducer, KafkaDeadLetter } from './dead-letter-producer.ts';
import { eventMessage, prepareChunk, splitIntoRuns, type MessageChunk, type MessageCopy } from './message-chunk.ts';
import type { OffsetCommitter } from './offset-committer.ts';
import type { ChunkTicket, OffsetTracker } from './offset-tracker.ts';
import type { PendingBudget } from './pending-budget.ts';
import type { KafkaTopicNames } from './topic-names.ts';

/** What every partition batch of one process shares. */
export interface PartitionBatchDeps {
  pipeline: IngestPipeline;
  deadLetters: DeadLetterProducer;
  /** Product topic and DLQ of each Kafka topic consumed. */
  namesBySource: Map<string, KafkaTopicNames>;
  chunkMessages: number;
  log: Logger;
  backoff: PartitionBackoff;
  budget: PendingBudget;
  /** True once shutdown began: no new chunk is started. */
  stopping(): boolean;
}

/** One kafkajs consumer's offset bookkeeping (a rebuilt consumer gets a new one). */
export interface ConsumerOffsets {
  consumer: Consumer;
  tracker: OffsetTracker;
  committer: OffsetCommitter;
}

/** Errors by which the coordinator says this member's assignment is changing or gone. */
const GROUP_CHANGE = new Set(['REBALANCE_IN_PROGRESS', 'NOT_COORDINATOR_FOR_GROUP', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID']);
const isGroupChange = (err: unknown) => GROUP_CHANGE.has(String((err as { type?: unknown } | null)?.type));

/**
 * eachBatch for one partition's batch: validates each chunk and hands it to the pipeline, then
 * returns without waiting for the inserts, so kafkajs fetches the next batch while ClickHouse
 * stores this one. Stream rules (wording reminders) run during validation, so a reminder never
 * waits for an insert either.
 *
 * Offset-commit invariant: kafkajs's fetch position moves past a chunk as soon as it is handed
 * over (resolveOffset; kafkajs commits nothing itself, autoCommit is off), but the offset
 * committed to the group is the OffsetTracker's: the end of the stored prefix of the partition,
 * where stored means valid rows in their table, bad ones in dead_letters and on the DLQ topic.
 * A crash at any point replays from the last stored offset, and ReplacingMergeTree merges the
 * replayed rows away.
 *
 * Backpressure: the bytes handed over and not yet stored are bounded (PendingBudget); a batch
 * that would pass the bound waits here, heartbeating, until earlier chunks are stored.
 *
 * Rebalance: noticed here, what is in flight is stored and committed before rejoining; noticed
 * by kafkajs between batches, what is stored so far is committed at once (REBALANCING), and a
 * chunk still in flight may be read again by the partition's next owner — bounded by the
 * budget, and merged away like any replay.
 *
 * Failure (ClickHouse or the DLQ producer throws): the partition is paused for a doubling delay
 * and sought back to its stored prefix, so the failed chunk and everything after it are read
 * again on resume — nothing skipped, nothing committed past it meanwhile, and the other
 * partitions go on.
 */
export async function processPartitionBatch(payload: EachBatchPayload, deps: PartitionBatchDeps, offsets: ConsumerOffsets): Promise<void> {
  const { batch, heartbeat, isRunning, isStale, resolveOffset } = payload;
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
  // isStale: a seek is pending for this partition (after a failure): this batch is obsolete.
  const mustStop = () =>
    !isRunning() || isStale() || groupChange !== undefined || deps.stopping() || offsets.tracker.isFailed(batch.topic, batch.partition);

  for (const run of splitIntoRuns(batch.messages, deps.chunkMessages)) {
    if (mustStop()) break;
    const bytes = runBytes(run);
    if (!(await deps.budget.acquire(bytes, keepAlive, mustStop))) break;
    if (mustStop()) {
      deps.budget.release(bytes);
      break;
    }
    kafkaPendingBytes.set(deps.budget.pendingBytes);
    const chunk = prepareChunk(run, batch.partition);
    const ticket = offsets.tracker.submit(batch.topic, batch.partition, run[0]!.offset, chunk.lastOffset);
    // Validation and the stream rules run synchronously inside this call; only the insert and
    // the DLQ send are left pending.
    const attempt = writeChunk(deps, names, batch.partition, chunk);
    resolveOffset(chunk.lastOffset);
    attempt
      .then(
        () => chunkStored(deps, offsets, names, ticket, chunk),
        (err: unknown) => chunkFailed(deps, offsets, names, ticket, chunk, err),
      )
      .finally(() => {
        deps.budget.release(bytes);
        kafkaPendingBytes.set(deps.budget.pendingBytes);
      })
      // A consumer that crashed meanwhile refuses pause/seek; the partition is then read
      // again from the committed offset by whoever gets it, which is the same outcome.
      .catch((err: unknown) => deps.log.error({ err, topic: batch.topic, partition: batch.partition }, 'kafka: could not set up the retry of a chunk'));
    await keepAlive();
  }
  if (groupChange !== undefined) {
    // The group is rebalancing and this generation may still commit: let everything in flight
    // be stored and commit it, so partitions move on with their stored offsets and their next
    // owner does not read them again. Then rethrown, so kafkajs rejoins at once instead of
    // fetching again until its next scheduled heartbeat notices the rebalance.
    await deps.budget.drained();
    await offsets.committer.flush();
    throw groupChange;
  }
}

function runBytes(run: KafkaMessage[]): number {
  let n = 0;
  for (const m of run) n += (m.value?.length ?? 0) + (m.key?.length ?? 0);
  return n;
}

function chunkStored(deps: PartitionBatchDeps, offsets: ConsumerOffsets, names: KafkaTopicNames, ticket: ChunkTicket, chunk: MessageChunk): void {
  kafkaEventsConsumed.inc({ topic: names.topic }, chunk.size);
  deps.backoff.succeeded(ticket.key);
  if (offsets.tracker.stored(ticket)) offsets.committer.schedule();
}

function chunkFailed(
  deps: PartitionBatchDeps,
  offsets: ConsumerOffsets,
  names: KafkaTopicNames,
  ticket: ChunkTicket,
  chunk: MessageChunk,
  err: unknown,
): void {
  const { topic, partition } = ticket;
  const readAgainFrom = offsets.tracker.failed(ticket);
  // Null: an earlier chunk of this partition already failed and set up the retry.
  if (readAgainFrom === null) return;
  kafkaInsertRetries.inc({ topic: names.topic });
  const delayMs = deps.backoff.failed(ticket.key);
  deps.log.warn(
    { err, topic, partition, firstOffset: chunk.firstOffset, readAgainFrom, attempt: deps.backoff.attempts(ticket.key), retryInMs: delayMs },
    'kafka: chunk not stored; partition paused, nothing committed past it, will read it again',
  );
  if (deps.stopping()) return; // the last commit stops before this chunk; the next run reads it
  const tp = [{ topic, partitions: [partition] }];
  offsets.consumer.pause(tp);
  offsets.consumer.seek({ topic, partition, offset: readAgainFrom });
  deps.backoff.schedule(delayMs, () => {
    offsets.tracker.resumed(topic, partition);
    offsets.consumer.resume(tp);
  });
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
    chunk.events.offsets.length > 0
      ? deps.pipeline.ingestEncoded(names.topic, chunk.events, 'kafka')
      : undefined,
    unreadable.length > 0 ? deps.pipeline.deadLetter(unreadable) : undefined,
  ]);
  const letters: KafkaDeadLetter[] = chunk.unreadable.map(({ message, reason }) => dlqLetter(names.source, partition, message, reason, [reason]));
  for (const r of report?.rejected ?? []) {
    letters.push(dlqLetter(names.source, partition, eventMessage(chunk, r.line - 1), r.reason, r.errors));
  }
  letters.sort((a, b) => Number(a.offset) - Number(b.offset));
  await deps.deadLetters.send(names.dlq, names.topic, letters);
}

function dlqLetter(sourceTopic: string, partition: number, m: MessageCopy, reason: string, errors: string[]): KafkaDeadLetter {
  return { sourceTopic, partition, offset: m.offset, timestamp: m.timestamp, key: m.key, value: m.value, reason, errors };
}

