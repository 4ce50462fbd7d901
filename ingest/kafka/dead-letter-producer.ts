import { Partitioners, type IHeaders, type Kafka, type Message, type Producer } from 'kafkajs';
import type { Logger } from '../../observability/logger.ts';
import { kafkaDeadLettersProduced } from '../../observability/kafka-metrics.ts';

/** Header names on every `<topic>.dlq` message; the value is the original message's raw bytes. */
export const DLQ_HEADERS = {
  reason: 'radar-dlq-reason',
  errors: 'radar-dlq-errors',
  sourceTopic: 'radar-source-topic',
  sourcePartition: 'radar-source-partition',
  sourceOffset: 'radar-source-offset',
  sourceTimestamp: 'radar-source-timestamp',
  deadLetteredAt: 'radar-dlq-at',
  /** Present when the raw value could not be carried (larger than the DLQ accepts). */
  valueDropped: 'radar-dlq-value-dropped',
} as const;

export interface KafkaDeadLetter {
  sourceTopic: string;
  partition: number;
  offset: string;
  timestamp: string;
  key: Buffer | null;
  /** The raw bytes exactly as consumed; null for a tombstone. */
  value: Buffer | null;
  reason: string;
  errors: string[];
}

const MAX_REASON_CHARS = 2_000;

/**
 * Copies bad messages to `<topic>.dlq`. The consumer awaits send() before resolving the offsets
 * of the chunk that held them, so a dead letter is on the DLQ before its offset is committed.
 * After a crash between the two, the replay produces it again: DLQ readers dedupe on
 * (radar-source-topic, radar-source-partition, radar-source-offset).
 */
export class DeadLetterProducer {
  private readonly producer: Producer;

  constructor(
    kafka: Kafka,
    private readonly log: Logger,
  ) {
    // allowAutoTopicCreation off: a missing DLQ must be an error, never a typo'd new topic.
    this.producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  async send(dlqTopic: string, productTopic: string, letters: KafkaDeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    try {
      await this.producer.send({ topic: dlqTopic, acks: -1, messages: letters.map((l) => toMessage(l, true)) });
    } catch (err) {
      // A retriable failure (broker down) goes back to the caller, which retries the chunk.
      // A permanent one (a value too large for the DLQ topic) would block the partition forever,
      // so the letters go again without their values; the dead_letters table still has the bytes.
      if ((err as { retriable?: boolean }).retriable !== false) throw err;
      this.log.warn({ err, dlqTopic }, 'DLQ refused the raw values; producing the dead letters without them');
      await this.producer.send({ topic: dlqTopic, acks: -1, messages: letters.map((l) => toMessage(l, false)) });
    }
    kafkaDeadLettersProduced.inc({ topic: productTopic }, letters.length);
  }
}

function toMessage(l: KafkaDeadLetter, withValue: boolean): Message {
  const headers: IHeaders = {
    [DLQ_HEADERS.reason]: l.reason.slice(0, MAX_REASON_CHARS),
    [DLQ_HEADERS.errors]: JSON.stringify(l.errors).slice(0, MAX_REASON_CHARS),
    [DLQ_HEADERS.sourceTopic]: l.sourceTopic,
    [DLQ_HEADERS.sourcePartition]: String(l.partition),
    [DLQ_HEADERS.sourceOffset]: l.offset,
    [DLQ_HEADERS.sourceTimestamp]: l.timestamp,
    [DLQ_HEADERS.deadLetteredAt]: new Date().toISOString(),
  };
  if (!withValue) headers[DLQ_HEADERS.valueDropped] = 'too large for the DLQ topic';
  return { key: l.key, value: withValue ? l.value : null, headers };
}
