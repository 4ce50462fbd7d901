import { isUtf8 } from 'node:buffer';
import type { KafkaMessage } from 'kafkajs';
import type { EncodedEvents } from '../pipeline.ts';

/**
 * What a dead letter needs of a Kafka message, copied out of it. kafkajs decodes a message's
 * key and value as slices of the whole fetch response, so holding a message while its chunk
 * is stored would pin megabytes per fetch; a chunk keeps copies only.
 */
export interface MessageCopy {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  /** The raw bytes; null for a tombstone. */
  value: Buffer | null;
}

/** A message set aside before validation: it has no JSON text to validate. */
export interface UnreadableMessage {
  message: MessageCopy;
  reason: string;
}

/**
 * Consecutive messages of one partition, copied into a few flat buffers: one Buffer of all
 * readable values (handed to IngestPipeline.ingestEncoded as is), one of their keys, and
 * typed arrays of offsets and timestamps. Flat on purpose: a chunk waits for its insert, and
 * an object or string per message would survive young-generation GCs and be copied by them.
 */
export interface MessageChunk {
  /** Readable messages (valid UTF-8 values), in offset order. */
  events: EncodedEvents;
  /** Keys of events[i]: keyBytes[keyBounds[i], keyBounds[i + 1]); null keys are in noKey. */
  keyBytes: Buffer;
  keyBounds: Uint32Array;
  noKey: Uint8Array;
  timestamps: Float64Array;
  unreadable: UnreadableMessage[];
  /** Offset of the chunk's last message: resolved once the whole chunk is safe. */
  lastOffset: string;
  firstOffset: string;
  size: number;
}

export const TOMBSTONE_REASON = 'tombstone: the message has no value (a null value is not an event)';
export const NOT_UTF8_REASON = 'the message value is not valid UTF-8';

/**
 * Splits a partition batch into runs of at most `chunkSize` messages. Chunks are the unit of
 * offset resolution: small enough that a long batch heartbeats and commits as it goes, large
 * enough that the pipeline still inserts big blocks. Each run is turned into a MessageChunk
 * only when it is handed to the pipeline, so its copies live no longer than needed.
 */
export function splitIntoRuns(messages: KafkaMessage[], chunkSize: number): KafkaMessage[][] {
  const runs: KafkaMessage[][] = [];
  for (let start = 0; start < messages.length; start += chunkSize) runs.push(messages.slice(start, start + chunkSize));
  return runs;
}

/** Copies one run of messages into a chunk for IngestPipeline.ingestEncoded. */
export function prepareChunk(messages: KafkaMessage[], partition: number): MessageChunk {
  const unreadable: UnreadableMessage[] = [];
  let valueBytes = 0;
  let keyBytes = 0;
  let readable = 0;
  // A message's verdict (0 readable, 1 set aside) is decided once: isUtf8 reads every byte.
  const setAside = new Uint8Array(messages.length);
  for (let m = 0; m < messages.length; m++) {
    const { value, key } = messages[m]!;
    if (value === null) {
      unreadable.push({ message: copyOf(messages[m]!), reason: TOMBSTONE_REASON });
      setAside[m] = 1;
    } else if (!isUtf8(value)) {
      // Decoding would swap bad bytes for U+FFFD and a valid-looking event would be stored
      // with text the producer never sent.
      unreadable.push({ message: copyOf(messages[m]!), reason: NOT_UTF8_REASON });
      setAside[m] = 1;
    } else {
      valueBytes += value.length;
      keyBytes += key?.length ?? 0;
      readable++;
    }
  }
  const events = { bytes: Buffer.allocUnsafe(valueBytes), bounds: new Uint32Array(readable + 1), partition, offsets: new Float64Array(readable) };
  const chunk: MessageChunk = {
    events,
    keyBytes: Buffer.allocUnsafe(keyBytes),
    keyBounds: new Uint32Array(readable + 1),
    noKey: new Uint8Array(readable),
    timestamps: new Float64Array(readable),
    unreadable,
    firstOffset: messages[0]!.offset,
    lastOffset: messages[messages.length - 1]!.offset,
    size: messages.length,
  };
  let v = 0;
  let k = 0;
  let i = 0;
  for (let m = 0; m < messages.length; m++) {
    if (setAside[m] === 1) continue;
    const message = messages[m]!;
    v += message.value!.copy(events.bytes, v);
    events.bounds[i + 1] = v;
    events.offsets[i] = exactNumber(message.offset, 'offset');
    chunk.timestamps[i] = exactNumber(message.timestamp, 'timestamp');
    if (message.key) k += message.key.copy(chunk.keyBytes, k);
    else chunk.noKey[i] = 1;
    chunk.keyBounds[i + 1] = k;
    i++;
  }
  return chunk;
}

/**
 * The message behind event `i`, copied (a dead letter outlives its chunk): value exactly as
 * consumed, key, offset and timestamp.
 */
export function eventMessage(chunk: MessageChunk, i: number): MessageCopy {
  const { bytes, bounds, offsets } = chunk.events;
  return {
    offset: String(offsets[i]),
    timestamp: String(chunk.timestamps[i]),
    key: chunk.noKey[i] === 1 ? null : Buffer.from(chunk.keyBytes.subarray(chunk.keyBounds[i], chunk.keyBounds[i + 1])),
    value: Buffer.from(bytes.subarray(bounds[i], bounds[i + 1])),
  };
}

/** A Kafka int64 (offset, timestamp in ms) as a number; both stay far below 2^53 in practice. */
function exactNumber(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`kafka message ${what} ${text} is not an integer below 2^53`);
  return n;
}

function copyOf(m: KafkaMessage): MessageCopy {
  return {
    offset: m.offset,
    timestamp: m.timestamp,
    key: m.key ? Buffer.from(m.key) : null,
    value: m.value ? Buffer.from(m.value) : null,
  };
}
