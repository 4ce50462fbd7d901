import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { PartitionBackoff } from './backoff.ts';
import { NOT_UTF8_REASON, TOMBSTONE_REASON, eventMessage, prepareChunk, splitIntoRuns } from './message-chunk.ts';

const message = (offset: number, value: Buffer | null, key: Buffer | null = null): KafkaMessage =>
  ({ offset: String(offset), value, key, timestamp: String(1000 + offset), attributes: 0, headers: {} }) as KafkaMessage;

describe('splitIntoRuns + prepareChunk', () => {
  it('refuses an offset it cannot hold exactly', () => {
    expect(() => prepareChunk([message(2 ** 53 + 2, Buffer.from('{}'))], 0)).toThrow(/offset 9007199254740994/);
  });

  it('keeps offsets, positions and raw bytes line by line, and sets tombstones and non-UTF-8 values aside', () => {
    const bad = Buffer.from([0x7b, 0xff, 0x7d]);
    const binaryKey = Buffer.from([0x00, 0xff, 0x80, 0x41]);
    const msgs = [message(10, Buffer.from('{"a":1}')), message(11, null), message(12, bad), message(13, Buffer.from('{"b":"售后"}'), binaryKey), message(14, Buffer.from('{}'))];
    const chunks = splitIntoRuns(msgs, 4).map((run) => prepareChunk(run, 3));
    expect(chunks.map((c) => [c.size, c.firstOffset, c.lastOffset])).toEqual([[4, '10', '13'], [1, '14', '14']]);
    const [first] = chunks;
    const { bytes, bounds, partition, offsets } = first!.events;
    const texts = [...offsets].map((_, i) => bytes.toString('utf8', bounds[i], bounds[i + 1]));
    expect(texts).toEqual(['{"a":1}', '{"b":"售后"}']);
    expect([partition, ...offsets]).toEqual([3, 10, 13]);
    // The message behind an event comes back byte for byte (value, binary key, timestamp).
    const again = eventMessage(first!, 1);
    expect(again.value!.equals(Buffer.from('{"b":"售后"}'))).toBe(true);
    expect(again.key!.equals(binaryKey)).toBe(true);
    expect([again.offset, again.timestamp]).toEqual(['13', '1013']);
    expect(eventMessage(first!, 0).key).toBeNull();
    expect(first!.unreadable.map((u) => [u.message.offset, u.reason])).toEqual([['11', TOMBSTONE_REASON], ['12', NOT_UTF8_REASON]]);
    // Copies, not slices of the fetch buffer: changing the consumed bytes changes nothing kept.
    bad[1] = 0x41;
    msgs[0]!.value![1] = 0x20;
    expect(first!.unreadable[1]!.message.value!.equals(Buffer.from([0x7b, 0xff, 0x7d]))).toBe(true);
    expect(eventMessage(first!, 0).value!.toString()).toBe('{"a":1}');
  });
});

describe('PartitionBackoff', () => {
  it('doubles per partition up to the cap and starts over after a success', () => {
    const b = new PartitionBackoff({ initialMs: 100, maxMs: 350 });
    const delays = [b.failed('t/0'), b.failed('t/0'), b.failed('t/0'), b.failed('t/0')];
    expect(delays.map((d) => Math.round(d / 10) * 10)).toSatisfy((ds: number[]) =>
      ds.every((d, i) => d >= [80, 160, 280, 280][i]! && d <= [120, 240, 420, 420][i]!),
    );
    expect(b.failed('t/1')).toBeLessThanOrEqual(120);
    b.succeeded('t/0');
    expect(b.attempts('t/0')).toBe(0);
    b.stop();
  });
});
