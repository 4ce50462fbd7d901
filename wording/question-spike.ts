/**
 * “Viewer question spike” (DESIGN §5): in one live session, comments on one topic in the last
 * 5 minutes far above that session's own baseline for that topic.
 *
 * The rule (every number is a parameter, defaults in DEFAULT_SPIKE_OPTIONS):
 *
 *   count5     = comments on (session, topic) in the window: the current minute bucket and
 *                the `windowMinutes - 1` before it.
 *   history    = minutes of the session observed before the window, capped at
 *                `baselineMinutes` (the session “starts” at its first recorded comment).
 *   mean5      = comments on (session, topic) in those history minutes × windowMinutes / history
 *                — the session's mean count per window-length over the preceding 30 minutes.
 *   expected5  = mean5 once history ≥ minBaselineMinutes; before that (a new session whose
 *                baseline is not yet known) max(mean5, newSessionMean5).
 *   fires when count5 ≥ max(minCount, k × expected5).
 *
 * Defaults: window 5 min, baseline 30 min, k = 3, minCount = 10, minBaselineMinutes = 10,
 * newSessionMean5 = 4 (so a brand-new session needs ≥ 12 comments on a topic in 5 min).
 * Size questions are always frequent in an apparel stream; a per-topic baseline keeps that
 * steady chatter from alerting while a sudden burst of 真假 questions does.
 *
 * Pure and clock-injected: no timers, no Date.now(); callers pass event time and `now`.
 * Alert dedupe (fingerprint session+topic) is the alert lifecycle's job, not this module's.
 */

export interface SpikeOptions {
  readonly bucketMs: number;
  readonly windowMinutes: number;
  readonly baselineMinutes: number;
  readonly k: number;
  readonly minCount: number;
  readonly minBaselineMinutes: number;
  readonly newSessionMean5: number;
  /** Sessions with no comment for this long are forgotten on the next evaluate(). */
  readonly sessionIdleMs: number;
}

export const DEFAULT_SPIKE_OPTIONS: SpikeOptions = {
  bucketMs: 60_000,
  windowMinutes: 5,
  baselineMinutes: 30,
  k: 3,
  minCount: 10,
  minBaselineMinutes: 10,
  newSessionMean5: 4,
  sessionIdleMs: 2 * 60 * 60_000,
};

export interface QuestionSpike {
  readonly session_id: string;
  readonly topic: string;
  /** Comments on the topic in the window. */
  readonly count: number;
  /** The session's mean count per window over its baseline history (0 without history). */
  readonly baseline_mean: number;
  readonly baseline_minutes: number;
  readonly threshold: number;
  readonly window_start_ms: number;
  readonly window_end_ms: number;
}

export interface QuestionSpikeDetector {
  /** Count one viewer comment on `topic` at `timestampMs` (event time). */
  record(sessionId: string, topic: string, timestampMs: number): void;
  /** Topics spiking at `nowMs`; also drops buckets too old to matter and idle sessions. */
  evaluate(nowMs: number): QuestionSpike[];
  /** Number of sessions currently tracked (for metrics / tests). */
  sessionCount(): number;
}

interface SessionState {
  firstBucket: number;
  lastEventMs: number;
  /** topic → (bucket index → count) */
  topics: Map<string, Map<number, number>>;
}

function checkOptions(o: SpikeOptions): void {
  const positive: (keyof SpikeOptions)[] = ['bucketMs', 'windowMinutes', 'baselineMinutes', 'k', 'minCount', 'sessionIdleMs'];
  for (const key of positive) {
    if (!(o[key] > 0)) throw new RangeError(`question spike option ${key} must be > 0, got ${o[key]}`);
  }
  if (o.minBaselineMinutes < 0 || o.newSessionMean5 < 0) throw new RangeError('minBaselineMinutes and newSessionMean5 must be ≥ 0');
}

export function createQuestionSpikeDetector(options: Partial<SpikeOptions> = {}): QuestionSpikeDetector {
  const o: SpikeOptions = { ...DEFAULT_SPIKE_OPTIONS, ...options };
  checkOptions(o);
  const sessions = new Map<string, SessionState>();
  const bucketOf = (ms: number): number => Math.floor(ms / o.bucketMs);
  const retainBuckets = o.windowMinutes + o.baselineMinutes;

  function record(sessionId: string, topic: string, timestampMs: number): void {
    if (!Number.isFinite(timestampMs)) return;
    const bucket = bucketOf(timestampMs);
    let s = sessions.get(sessionId);
    if (s === undefined) {
      s = { firstBucket: bucket, lastEventMs: timestampMs, topics: new Map() };
      sessions.set(sessionId, s);
    }
    s.firstBucket = Math.min(s.firstBucket, bucket); // late events may move the start back
    s.lastEventMs = Math.max(s.lastEventMs, timestampMs);
    let buckets = s.topics.get(topic);
    if (buckets === undefined) {
      buckets = new Map();
      s.topics.set(topic, buckets);
    }
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
  }

  function evaluate(nowMs: number): QuestionSpike[] {
    const now = bucketOf(nowMs);
    const windowFirst = now - o.windowMinutes + 1;
    const baselineFirst = windowFirst - o.baselineMinutes;
    const out: QuestionSpike[] = [];
    for (const [sessionId, s] of sessions) {
      if (nowMs - s.lastEventMs > o.sessionIdleMs) {
        sessions.delete(sessionId);
        continue;
      }
      const history = Math.max(0, windowFirst - Math.max(baselineFirst, s.firstBucket));
      for (const [topic, buckets] of s.topics) {
        let count = 0;
        let baseline = 0;
        for (const [b, c] of buckets) {
          if (b < now - retainBuckets) buckets.delete(b); // too old to matter again
          else if (b >= windowFirst && b <= now) count += c;
          else if (b >= baselineFirst && b < windowFirst) baseline += c;
        }
        if (buckets.size === 0) {
          s.topics.delete(topic);
          continue;
        }
        const mean = history > 0 ? (baseline * o.windowMinutes) / history : 0;
        const expected = history >= o.minBaselineMinutes ? mean : Math.max(mean, o.newSessionMean5);
        const threshold = Math.max(o.minCount, o.k * expected);
        if (count >= threshold) {
          out.push({
            session_id: sessionId,
            topic,
            count,
            baseline_mean: mean,
            baseline_minutes: history,
            threshold,
            window_start_ms: windowFirst * o.bucketMs,
            window_end_ms: (now + 1) * o.bucketMs,
          });
        }
      }
    }
    return out;
  }

  return { record, evaluate, sessionCount: () => sessions.size };
}
