import { isUtf8 } from 'node:buffer';
import type { KafkaMessage } from 'kafkajs';
import type { SourcePosition } from '../outcomes.ts';

/**
 * What a dead letter needs of a Kafka message, copied out of it. kafkajs decodes a message's
 * key and value as slices of the whole fetch response, so holding a message while its chunk
 * is stored would pin megabytes per fetch; a chunk keeps copies (or text) only.
 */
export interface MessageCopy {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  /** The raw bytes; null for a tombstone. */
  value: Buffer | null;
}

/** A message rejected before validation: it has no JSON text to validate. */
export interface UnreadableMessage {
  message: MessageCopy;
  reason: string;
}

/** Consecutive messages of one partition, shaped for IngestPipeline.ingestLines. */
export interface MessageChunk {
  lines: string[];
  positions: SourcePosition[];
  /** Message keys of the lines (same index) as latin1 text: lossless, and no Buffer per key. */
  keys: (string | null)[];
  timestamps: string[];
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
    keys: [],
    timestamps: [],
    unreadable: [],
    lastOffset: messages[messages.length - 1]!.offset,
    size: messages.length,
  };
  for (const message of messages) {
    const value = message.value;
    if (value === null) {
      chunk.unreadable.push({ message: copyOf(message), reason: TOMBSTONE_REASON });
    } else if (!isUtf8(value)) {
      // toString() would swap bad bytes for U+FFFD and a valid-looking event would be stored
      // with text the producer never sent.
      chunk.unreadable.push({ message: copyOf(message), reason: NOT_UTF8_REASON });
    } else {
      chunk.lines.push(value.toString('utf8'));
      chunk.positions.push({ partition, offset: message.offset });
      chunk.keys.push(message.key ? message.key.toString('latin1') : null);
      chunk.timestamps.push(message.timestamp);
    }
  }
  return chunk;
}

/**
 * The message behind line `i`. Its value is re-encoded from the line: the value was checked to
 * be valid UTF-8, so decoding and encoding again gives back exactly the bytes consumed.
 */
export function lineMessage(chunk: MessageChunk, i: number): MessageCopy {
  const key = chunk.keys[i];
  return {
    offset: chunk.positions[i]!.offset,
    timestamp: chunk.timestamps[i]!,
    key: key === null || key === undefined ? null : Buffer.from(key, 'latin1'),
    value: Buffer.from(chunk.lines[i]!, 'utf8'),
  };
}

function copyOf(m: KafkaMessage): MessageCopy {
  return {
    offset: m.offset,
    timestamp: m.timestamp,
    key: m.key ? Buffer.from(m.key) : null,
    value: m.value ? Buffer.from(m.value) : null,
  };
}
