import { describe, expect, it } from 'vitest';
import { Rng } from '../simulator/prng.ts';
import { binomialUpperTail } from '../stats/binomial.ts';
import { createQuestionSpikeDetector, spikeOptionsFromParams, thresholdCount, type QuestionSpikeDetector } from './question-spike.ts';

const MIN = 60_000;
const T0 = Date.UTC(2025, 10, 11, 12, 0, 0); // a live session starting at 20:00 China time

/** An apparel room's usual mix: shares of all comments (the rest is chatter without a topic). */
const APPAREL_MIX: ReadonlyArray<readonly [string, number]> = [
  ['material', 0.13],
  ['size', 0.17],
  ['shipping', 0.08],
  ['authenticity', 0.02],
  ['after_sales', 0.06],
  ['price', 0.09],
];

/** Poisson comments at `perMinute`, each on a topic drawn from `mix`, over [fromMin, toMin). */
function chatter(
  d: QuestionSpikeDetector,
  rng: Rng,
  session: string,
  fromMin: number,
  toMin: number,
  perMinute: number,
  mix: ReadonlyArray<readonly [string, number]> = APPAREL_MIX,
  context = { host_id: 'H1', category: '服饰' },
): void {
  let t = T0 + fromMin * MIN + rng.exponential(MIN / perMinute);
  while (t < T0 + toMin * MIN) {
    let u = rng.next();
    const topics: string[] = [];
    for (const [topic, share] of mix) {
      if (u < share) {
        topics.push(topic);
        break;
      }
      u -= share;
    }
    d.recordComment(session, topics, Math.floor(t), context);
    t += rng.exponential(MIN / perMinute);
  }
}

/** `count` comments on `topic` spread evenly over [fromMin, toMin). */
function flood(d: QuestionSpikeDetector, session: string, topic: string, fromMin: number, toMin: number, count: number): void {
  const span = (toMin - fromMin) * MIN;
  for (let i = 0; i < count; i++) d.recordComment(session, [topic], T0 + fromMin * MIN + Math.floor((i * span) / count), { host_id: 'H1', category: '服饰' });
}

/** Evaluations once a minute (the end of each minute) over [fromMin, toMin]; the spikes of each. */
function evaluateMinutes(d: QuestionSpikeDetector, fromMin: number, toMin: number) {
  const out: Array<{ minute: number; topics: string[] }> = [];
  for (let m = fromMin; m <= toMin; m++) {
    const spikes = d.evaluate(T0 + m * MIN - 1);
    if (spikes.length > 0) out.push({ minute: m, topics: spikes.map((s) => s.topic) });
  }
  return out;
}

// Rooms from a 300-viewer stall to a 50,000-viewer star: ~1–1.5 % of viewers comment a minute.
const ROOMS = [
  { viewers: 300, perMinute: 4 },
  { viewers: 2_000, perMinute: 25 },
  { viewers: 10_000, perMinute: 120 },
  { viewers: 50_000, perMinute: 600 },
];

describe('viewer question spike: a share of the session’s comments, tested', () => {
  for (const room of ROOMS) {
    it(`a new ${room.viewers}-viewer session with ordinary chatter raises no spike in 3 hours (20 seeds)`, () => {
      for (let seed = 1; seed <= 20; seed++) {
        const d = createQuestionSpikeDetector();
        const rng = new Rng(seed * 7919 + room.viewers);
        chatter(d, rng, `s${seed}`, 0, 180, room.perMinute);
        expect(evaluateMinutes(d, 1, 180), `seed ${seed}`).toEqual([]);
      }
    });

    it(`a flood in a ${room.viewers}-viewer session fires within two evaluations`, () => {
      const d = createQuestionSpikeDetector();
      const rng = new Rng(room.viewers);
      chatter(d, rng, 's1', 0, 60, room.perMinute);
      // From minute 40 the room asks about the material at twice its usual comment rate (at least
      // 15 a minute): the material share goes from 13 % to ~70 % of the comments.
      const perMinute = Math.max(15, 2 * room.perMinute);
      flood(d, 's1', 'material', 40, 45, 5 * perMinute);
      const spikes = evaluateMinutes(d, 1, 60);
      expect(spikes.length).toBeGreaterThan(0);
      expect(spikes.every((s) => s.topics.every((t) => t === 'material'))).toBe(true);
      expect(spikes[0]!.minute).toBeGreaterThan(40);
      expect(spikes[0]!.minute).toBeLessThanOrEqual(42); // minute 41 and 42: two evaluations
    });
  }

  it('a room whose volume jumps tenfold (a giveaway) does not fire: the mix is unchanged', () => {
    const d = createQuestionSpikeDetector();
    const rng = new Rng(5);
    chatter(d, rng, 's1', 0, 30, 20);
    chatter(d, rng, 's1', 30, 60, 200);
    expect(evaluateMinutes(d, 1, 60)).toEqual([]);
  });

  it('reports the share, the baseline and the exact test it fired on', () => {
    const d = createQuestionSpikeDetector();
    const rng = new Rng(11);
    chatter(d, rng, 's1', 0, 40, 10);
    flood(d, 's1', 'authenticity', 35, 40, 40);
    const [spike] = d.evaluate(T0 + 40 * MIN - 1);
    expect(spike).toBeDefined();
    const s = spike!;
    expect(s.topic).toBe('authenticity');
    expect(s.count).toBeGreaterThanOrEqual(40);
    expect(s.share).toBeCloseTo(s.count / s.window_comments, 12);
    expect(s.baseline_share).toBeLessThan(0.1);
    expect(s.p_value).toBeCloseTo(binomialUpperTail(s.count, s.window_comments, 3 * s.baseline_share), 12);
    expect(s.p_value).toBeLessThan(s.alpha);
    expect(s.threshold).toBeLessThanOrEqual(s.count);
    expect(s.window_start_ms).toBe(T0 + 35 * MIN);
    expect(s.window_end_ms).toBe(T0 + 40 * MIN);
  });

  it('a new session takes its host’s earlier mix as prior: a size-heavy host is not flagged for size', () => {
    const d = createQuestionSpikeDetector();
    const rng = new Rng(3);
    const sizeHeavy: ReadonlyArray<readonly [string, number]> = [['size', 0.6], ['material', 0.1]];
    // Yesterday's session of the same host: folded into the host's history once it ages out.
    chatter(d, rng, 'yesterday', 0, 120, 10, sizeHeavy);
    d.evaluate(T0 + 24 * 60 * MIN); // a day later: yesterday's buckets become the host's history
    const before = d.sessionCount();
    const rng2 = new Rng(4);
    const later = 24 * 60;
    chatter(d, rng2, 'today', later, later + 10, 10, sizeHeavy);
    const spikes = evaluateMinutes(d, later + 1, later + 10);
    expect(before).toBe(0);
    expect(spikes).toEqual([]);
    // A material flood in today's opening minutes is judged against the host's own material share.
    flood(d, 'today', 'material', later + 10, later + 12, 40);
    const [spike] = d.evaluate(T0 + (later + 12) * MIN - 1);
    expect(spike).toMatchObject({ session_id: 'today', topic: 'material', prior_source: 'host' });
    expect(spike!.prior_share).toBeGreaterThan(0.07);
    expect(spike!.prior_share).toBeLessThan(0.13);
  });

  it('a handful of comments on one topic is not a spike, whatever its share', () => {
    const d = createQuestionSpikeDetector();
    for (let i = 0; i < 5; i++) d.recordComment('new', ['shipping'], T0 + i * 10_000, { host_id: 'H9' });
    expect(d.evaluate(T0 + 60_000)).toEqual([]);
  });

  it('thresholdCount is the smallest count that passes both the share and the test', () => {
    const o = { minCount: 8, alpha: 1e-3 };
    const k = thresholdCount(200, 0.3, o);
    expect(binomialUpperTail(k, 200, 0.3)).toBeLessThan(1e-3);
    expect(binomialUpperTail(k - 1, 200, 0.3)).toBeGreaterThanOrEqual(1e-3);
  });

  it('options come from the rule file, and a typo is an error naming it', () => {
    expect(spikeOptionsFromParams({ ratio: 4, alpha: 0.001 })).toEqual({ ratio: 4, alpha: 0.001 });
    expect(() => spikeOptionsFromParams({ ratoi: 4 })).toThrow(/ratoi/);
    expect(() => spikeOptionsFromParams({ ratio: 'x' })).toThrow(/ratio/);
    expect(() => spikeOptionsFromParams({ alpha: 2 })).toThrow(/alpha/);
    expect(() => createQuestionSpikeDetector({ ratio: 0 })).toThrow(RangeError);
  });

  it('forgets idle sessions, folding them into the host’s history', () => {
    const d = createQuestionSpikeDetector({ sessionIdleMs: 10 * MIN });
    d.recordComment('s1', ['size'], T0, { host_id: 'H1' });
    expect(d.sessionCount()).toBe(1);
    d.evaluate(T0 + 11 * MIN);
    expect(d.sessionCount()).toBe(0);
  });
});
