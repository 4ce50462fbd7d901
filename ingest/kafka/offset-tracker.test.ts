import { describe, expect, it } from 'vitest';
import { OffsetTracker } from './offset-tracker.ts';

const offsetOf = (t: OffsetTracker, topic = 't', partition = 0) =>
  t.committable().find((o) => o.topic === topic && o.partition === partition)?.offset;

describe('OffsetTracker', () => {
  it('commits only the stored prefix, whatever order chunks finish in', () => {
    const t = new OffsetTracker();
    const a = t.submit('t', 0, '10', '19');
    const b = t.submit('t', 0, '20', '29');
    const c = t.submit('t', 0, '30', '39');
    expect(offsetOf(t)).toBe('10'); // where kafkajs started: everything below is stored
    expect(t.stored(c)).toBe(false);
    expect(offsetOf(t)).toBe('10');
    expect(t.stored(a)).toBe(true);
    expect(offsetOf(t)).toBe('20');
    expect(t.stored(b)).toBe(true);
    expect(offsetOf(t)).toBe('40'); // b and the already stored c
    expect(t.inFlight()).toBe(0);
  });

  it('keeps partitions apart', () => {
    const t = new OffsetTracker();
    const p0 = t.submit('t', 0, '0', '4');
    t.submit('t', 1, '0', '4');
    t.submit('u', 0, '100', '104');
    t.stored(p0);
    expect(t.committable()).toEqual([
      { topic: 't', partition: 0, offset: '5' },
      { topic: 't', partition: 1, offset: '0' },
      { topic: 'u', partition: 0, offset: '100' },
    ]);
  });

  it('on a failure, reads again from the stored prefix and ignores the chunks of before', () => {
    const t = new OffsetTracker();
    const a = t.submit('t', 0, '0', '9');
    const b = t.submit('t', 0, '10', '19');
    const c = t.submit('t', 0, '20', '29');
    t.stored(a);
    expect(t.failed(b)).toBe('10');
    expect(t.isFailed('t', 0)).toBe(true);
    expect(t.failed(c)).toBeNull(); // the retry is already set up
    expect(t.stored(c)).toBe(false); // stored, but past the failed chunk: must not count
    expect(offsetOf(t)).toBe('10');
    t.resumed('t', 0);
    expect(t.isFailed('t', 0)).toBe(false);
    const again = t.submit('t', 0, '10', '24');
    t.stored(again);
    expect(offsetOf(t)).toBe('25');
  });

  it('treats a re-read after a rebalance as a new start at the offset kafkajs fetched from', () => {
    const t = new OffsetTracker();
    const a = t.submit('t', 0, '0', '9');
    t.submit('t', 0, '10', '19');
    t.stored(a);
    const replay = t.submit('t', 0, '10', '14'); // from the committed offset 10
    expect(offsetOf(t)).toBe('10');
    t.stored(replay);
    expect(offsetOf(t)).toBe('15');
  });

  it('skips gaps in the log (compacted or control records) without waiting for them', () => {
    const t = new OffsetTracker();
    const a = t.submit('t', 0, '0', '9');
    const b = t.submit('t', 0, '15', '19');
    t.stored(b);
    t.stored(a);
    expect(offsetOf(t)).toBe('20');
  });

  it('on a new assignment forgets lost partitions and continues kept ones where fetching was', () => {
    const t = new OffsetTracker();
    const a = t.submit('t', 0, '0', '9');
    t.submit('t', 1, '0', '9');
    t.submit('u', 0, '0', '99');
    expect(t.assign({ t: [0], u: [0] })).toEqual([
      { topic: 't', partition: 0, offset: '10' },
      { topic: 'u', partition: 0, offset: '100' },
    ]);
    expect(t.committable().map((o) => `${o.topic}/${o.partition}`)).toEqual(['t/0', 'u/0']);
    expect(t.stored(a)).toBe(true); // the kept partition's chunk still counts
    expect(offsetOf(t)).toBe('10');
  });

  it('handles offsets beyond 2^53', () => {
    const t = new OffsetTracker();
    const a = t.submit('t', 0, '9007199254740993', '9007199254740999');
    t.stored(a);
    expect(offsetOf(t)).toBe('9007199254741000');
  });
});
