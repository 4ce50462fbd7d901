import { isUtf8 } from 'node:buffer';
import type { KafkaMessage } from 'kafkajs';
import type { SourcePosition } from '../outcomes.ts';

/** A message rejected before validation: it has no JSON text to validate. */
export interface UnreadableMessage {
  message: KafkaMessage;
  reason: string;
}

/** Consecutive messages of one partition, shaped for IngestPipeline.ingestLines. */
export interface MessageChunk {
  lines: string[];
  positions: SourcePosition[];
  rawBytes: Buffer[];
  /** The message behind each line (same index), to find a rejected line's message again. */
  lineMessages: KafkaMessage[];
  unreadable: UnreadableMessage[];
  /** Offset of the chunk's last message: resolved once the whole chunk is safe. */
  lastOffset: string;
  size: number;
}

export const TOMBSTONE_REASON = 'tombstone: the message has no value (a null value is not an event)';
export const NOT_UTF8_REASON = 'the message value is not valid UTF-8';

/**
 * Splits a partition batch into runs of at most `chunkSize` messages. Chunks are the unit of
 * offset resolution: small enough that a long batch heartbeats and commits as it goes, large
 * enough that the pipeline still inserts big blocks. Each run is turned into a MessageChunk
 * only when it is handed to the pipeline, so its decoded text lives no longer than needed.
 */
export function splitIntoRuns(messages: KafkaMessage[], chunkSize: number): KafkaMessage[][] {
  const runs: KafkaMessage[][] = [];
  for (let start = 0; start < messages.length; start += chunkSize) runs.push(messages.slice(start, start + chunkSize));
  return runs;
}

/** Shapes one run of messages for IngestPipeline.ingestLines. */
export function prepareChunk(messages: KafkaMessage[], partition: number): MessageChunk {
  const chunk: MessageChunk = {
    lines: [],
    positions: [],
    rawBytes: [],
    lineMessages: [],
    unreadable: [],
    lastOffset: messages[messages.length - 1]!.offset,
    size: messages.length,
  };
  for (const message of messages) {
    const value = message.value;
    if (value === null) {
      chunk.unreadable.push({ message, reason: TOMBSTONE_REASON });
    } else if (!isUtf8(value)) {
      // toString() would swap bad bytes for U+FFFD and a valid-looking event would be stored
      // with text the producer never sent.
      chunk.unreadable.push({ message, reason: NOT_UTF8_REASON });
    } else {
      chunk.lines.push(value.toString('utf8'));
      chunk.positions.push({ partition, offset: message.offset });
      chunk.rawBytes.push(value);
      chunk.lineMessages.push(message);
    }
  }
  return chunk;
}
