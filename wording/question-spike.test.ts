import { describe, expect, it } from 'vitest';
import { createQuestionSpikeDetector } from './question-spike.ts';

const MIN = 60_000;
const T0 = Date.UTC(2025, 10, 11, 20, 0, 0); // a live session starting at 20:00

/** `perMinute` comments on `topic` for each minute in [fromMin, toMin), spread inside the minute. */
function chatter(d: ReturnType<typeof createQuestionSpikeDetector>, session: string, topic: string, fromMin: number, toMin: number, perMinute: number): void {
  for (let m = fromMin; m < toMin; m++) {
    for (let i = 0; i < perMinute; i++) d.record(session, topic, T0 + m * MIN + Math.floor((i * MIN) / (perMinute + 1)));
  }
}

describe('viewer question spike', () => {
  it('fires on a flood of one topic over a quiet baseline', () => {
    const d = createQuestionSpikeDetector();
    chatter(d, 's1', 'authenticity', 0, 30, 1); // ~5 per 5 min for half an hour
    chatter(d, 's1', 'authenticity', 30, 35, 8); // 40 in 5 min
    const spikes = d.evaluate(T0 + 35 * MIN - 1);
    expect(spikes).toHaveLength(1);
    expect(spikes[0]).toMatchObject({ session_id: 's1', topic: 'authenticity', count: 40, baseline_minutes: 30, baseline_mean: 5, threshold: 15 });
    expect(spikes[0]?.window_start_ms).toBe(T0 + 30 * MIN);
    expect(spikes[0]?.window_end_ms).toBe(T0 + 35 * MIN);
  });

  it('does not fire on steady chatter, however busy', () => {
    const d = createQuestionSpikeDetector();
    chatter(d, 's1', 'size', 0, 60, 6); // 30 size questions every 5 min, all session long
    for (let m = 10; m <= 60; m += 5) expect(d.evaluate(T0 + m * MIN - 1), `minute ${m}`).toEqual([]);
  });

  it('does not fire on a new session with 3 comments', () => {
    const d = createQuestionSpikeDetector();
    d.record('new', 'shipping', T0);
    d.record('new', 'shipping', T0 + 10_000);
    d.record('new', 'shipping', T0 + 20_000);
    expect(d.evaluate(T0 + 30_000)).toEqual([]);
  });

  it('a new session needs max(minCount, k × floor) comments: 12 by default', () => {
    const d = createQuestionSpikeDetector();
    chatter(d, 'new', 'after_sales', 0, 2, 5); // 10 in 2 minutes
    expect(d.evaluate(T0 + 2 * MIN - 1)).toEqual([]);
    chatter(d, 'new', 'after_sales', 2, 3, 2); // 12
    expect(d.evaluate(T0 + 3 * MIN - 1).map((s) => s.count)).toEqual([12]);
  });

  it('keeps sessions and topics apart', () => {
    const d = createQuestionSpikeDetector();
    chatter(d, 'a', 'price', 0, 30, 1);
    chatter(d, 'b', 'price', 0, 30, 1);
    chatter(d, 'a', 'price', 30, 35, 8);
    chatter(d, 'b', 'material', 30, 35, 1);
    expect(d.evaluate(T0 + 35 * MIN - 1).map((s) => `${s.session_id}/${s.topic}`)).toEqual(['a/price']);
  });

  it('the spike clears once the flood is older than the window', () => {
    const d = createQuestionSpikeDetector();
    chatter(d, 's', 'authenticity', 0, 30, 1);
    chatter(d, 's', 'authenticity', 30, 35, 8);
    chatter(d, 's', 'authenticity', 35, 41, 1);
    expect(d.evaluate(T0 + 35 * MIN - 1)).toHaveLength(1);
    expect(d.evaluate(T0 + 41 * MIN - 1)).toEqual([]);
  });

  it('numbers are parameters', () => {
    const d = createQuestionSpikeDetector({ minCount: 3, newSessionMean5: 0 });
    chatter(d, 's', 'size', 0, 1, 3);
    expect(d.evaluate(T0 + MIN - 1)).toHaveLength(1);
    expect(() => createQuestionSpikeDetector({ k: 0 })).toThrow(RangeError);
  });

  it('forgets idle sessions and old buckets (bounded memory)', () => {
    const d = createQuestionSpikeDetector({ sessionIdleMs: 10 * MIN });
    chatter(d, 'old', 'price', 0, 1, 2);
    chatter(d, 'live', 'price', 0, 30, 1);
    expect(d.sessionCount()).toBe(2);
    d.evaluate(T0 + 30 * MIN);
    expect(d.sessionCount()).toBe(1);
  });
});
