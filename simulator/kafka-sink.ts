import { Kafka, Partitioners, logLevel, type Message, type Producer } from 'kafkajs';
import type { Topic } from '../contracts/index.ts';
import { messageKey, type EventSink } from './sink.ts';

/**
 * Produces events to Kafka, one topic per contract topic (`${topicPrefix}${topic}`), keyed so
 * that all steps of one refund (or scans of one parcel…) land in one partition in order.
 * acks=all: a send resolves only when the in-sync replicas have the batch, so the runner's
 * backpressure reflects the cluster, not a client buffer. The Java-compatible partitioner keeps
 * keys on the same partitions as any other producer of these topics.
 */

export interface KafkaSinkOptions {
  brokers: string[];
  topicPrefix?: string;
  clientId?: string;
  /** Let the broker create missing topics (off by default: `radar kafka init` creates them). */
  allowAutoTopicCreation?: boolean;
}

/**
 * Bytes of message values per produce request. Brokers refuse a record batch above
 * message.max.bytes (1 MiB by default); keeping the whole request under it keeps every
 * partition's batch under it whatever the partition count.
 */
const MAX_REQUEST_BYTES = 900_000;

export function createKafkaSink(options: KafkaSinkOptions): EventSink {
  if (options.brokers.length === 0) throw new TypeError('createKafkaSink: at least one broker is needed');
  const kafka = new Kafka({ clientId: options.clientId ?? 'radar-simulator', brokers: options.brokers, logLevel: logLevel.WARN });
  const producer: Producer = kafka.producer({
    allowAutoTopicCreation: options.allowAutoTopicCreation ?? false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const prefix = options.topicPrefix ?? '';
  let connected: Promise<void> | undefined;

  return {
    async send(topic: Topic, events: object[]): Promise<void> {
      connected ??= producer.connect();
      await connected;
      let messages: Message[] = [];
      let bytes = 0;
      for (const event of events) {
        const value = JSON.stringify(event);
        const size = Buffer.byteLength(value);
        if (bytes + size > MAX_REQUEST_BYTES && messages.length > 0) {
          await producer.send({ topic: `${prefix}${topic}`, acks: -1, messages });
          messages = [];
          bytes = 0;
        }
        messages.push({ key: messageKey(topic, event), value });
        bytes += size;
      }
      if (messages.length > 0) await producer.send({ topic: `${prefix}${topic}`, acks: -1, messages });
    },
    async close(): Promise<void> {
      if (connected) await producer.disconnect();
    },
  };
}
