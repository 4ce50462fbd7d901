import { binomialUpperTail } from '../stats/binomial.ts';

/**
 * “Viewer question spike” (DESIGN §5): in one live session, the comments on one topic in the
 * last 5 minutes far above what that session (or, while it is new, its host / category) usually
 * asks about that topic.
 *
 * Why a share, not a count: a 300-viewer room and a 50,000-viewer room differ in comment volume
 * by two orders of magnitude, and volume rises and falls with every hit product and every
 * giveaway. What does not move with volume is the topic mix. So the rule compares the topic's
 * SHARE of all viewer comments in the window with its usual share:
 *
 *   n, k       = viewer comments in the window (the current minute bucket and the
 *                `windowMinutes - 1` before it), and those on the topic.
 *   p0         = (k_hist + priorWeight × p_prior) / (n_hist + priorWeight): the session's own
 *                share over the `baselineMinutes` before the window, shrunk towards a prior so a
 *                session's first minutes have a baseline (a beta-binomial posterior mean).
 *   p_prior    = the host's share over what the rule saw of the host before (earlier sessions and
 *                the older part of this one), else the share among sessions selling the same
 *                category, else the whole platform's, else `defaultShare`; a source counts once
 *                it holds `minPriorComments` comments.
 *   fires when k ≥ minCount, k / n ≥ ratio × p0, and the one-sided exact binomial test of
 *                H0 “share ≤ ratio × p0” gives P(X ≥ k | n, ratio × p0) < alpha.
 *
 * Why this test: every comment is a trial that is on the topic or not; the binomial tail is exact
 * for the small windows of small rooms (where a normal approximation is far off), and testing
 * against ratio × p0 rather than p0 means a huge room whose share drifts a little above its
 * baseline does not fire on sample size alone — the same construction as the rate rules
 * (stats/binomial.ts). alpha (1e-3 by default) is smaller than the rate rules' because the rule tests
 * every (session, topic) every evaluation: ~6 topics × 1 test a minute × every live minute.
 *
 * Pure and clock-injected: no timers, no Date.now(); callers pass event time.
 * Alert dedupe (fingerprint session+topic) is the alert lifecycle's job, not this module's.
 */

export interface SpikeOptions {
  readonly bucketMs: number;
  readonly windowMinutes: number;
  readonly baselineMinutes: number;
  /** The window's share must be at least this multiple of the baseline share. */
  readonly ratio: number;
  /** At least this many comments on the topic in the window. */
  readonly minCount: number;
  /** Significance level of the binomial test against ratio × baseline share. */
  readonly alpha: number;
  /** Weight of the prior, in comments (beta-binomial pseudo-count). */
  readonly priorWeight: number;
  /** A prior source (host, category, platform) is used once it holds this many comments. */
  readonly minPriorComments: number;
  /** The prior share when nothing is known yet (a brand-new platform). */
  readonly defaultShare: number;
  /** Baseline shares below this are raised to it (a topic never asked about is not infinitely rare). */
  readonly minBaselineShare: number;
  /** Host / category / platform history is halved once it exceeds this many comments (recent sessions weigh more). */
  readonly historyCap: number;
  /** Sessions with no comment for this long are forgotten on the next evaluate(). */
  readonly sessionIdleMs: number;
}

export const DEFAULT_SPIKE_OPTIONS: SpikeOptions = {
  bucketMs: 60_000,
  windowMinutes: 5,
  baselineMinutes: 30,
  ratio: 3,
  minCount: 8,
  alpha: 1e-3,
  priorWeight: 100,
  minPriorComments: 200,
  defaultShare: 0.15,
  minBaselineShare: 0.01,
  historyCap: 20_000,
  sessionIdleMs: 2 * 60 * 60_000,
};

export type PriorSource = 'host' | 'category' | 'platform' | 'default';

export interface QuestionSpike {
  readonly session_id: string;
  readonly topic: string;
  /** Comments on the topic in the window. */
  readonly count: number;
  /** All viewer comments in the window. */
  readonly window_comments: number;
  /** count / window_comments. */
  readonly share: number;
  /** The baseline share p0 (session history shrunk towards the prior). */
  readonly baseline_share: number;
  /** Comments on the topic expected in the window at the baseline share (p0 × window_comments). */
  readonly baseline_mean: number;
  /** Minutes of the session's own history behind the baseline. */
  readonly baseline_minutes: number;
  /** Comments of the session's own history behind the baseline. */
  readonly baseline_comments: number;
  readonly prior_source: PriorSource;
  readonly prior_share: number;
  /** Comments on the topic needed in this window to fire (share and test both). */
  readonly threshold: number;
  readonly ratio: number;
  readonly p_value: number;
  readonly alpha: number;
  readonly window_start_ms: number;
  readonly window_end_ms: number;
}

/** Who a session belongs to, for the prior. */
export interface SessionContext {
  readonly host_id?: string;
  readonly category?: string;
}

export interface QuestionSpikeDetector {
  /** Count one viewer comment (every comment, with the topics it is about, possibly none) at `timestampMs`. */
  recordComment(sessionId: string, topics: readonly string[], timestampMs: number, context?: SessionContext): void;
  /** Topics spiking at `nowMs`; also folds old buckets into the priors and drops idle sessions. */
  evaluate(nowMs: number): QuestionSpike[];
  /** Number of sessions currently tracked (for metrics / tests). */
  sessionCount(): number;
}

/** Counts of comments and per-topic comments. */
class Tally {
  total = 0;
  readonly topics = new Map<string, number>();

  add(topics: readonly string[], weight = 1): void {
    this.total += weight;
    for (const t of topics) this.topics.set(t, (this.topics.get(t) ?? 0) + weight);
  }

  addTally(other: Tally): void {
    this.total += other.total;
    for (const [t, c] of other.topics) this.topics.set(t, (this.topics.get(t) ?? 0) + c);
  }

  halveAbove(cap: number): void {
    if (this.total <= cap) return;
    this.total /= 2;
    for (const [t, c] of this.topics) this.topics.set(t, c / 2);
  }
}

interface SessionState {
  hostId: string | undefined;
  category: string | undefined;
  firstBucket: number;
  lastEventMs: number;
  buckets: Map<number, Tally>;
}

function checkOptions(o: SpikeOptions): void {
  const positive: (keyof SpikeOptions)[] = ['bucketMs', 'windowMinutes', 'baselineMinutes', 'ratio', 'minCount', 'alpha', 'historyCap', 'sessionIdleMs'];
  for (const key of positive) {
    if (!(o[key] > 0)) throw new RangeError(`question spike option ${key} must be > 0, got ${o[key]}`);
  }
  const nonNegative: (keyof SpikeOptions)[] = ['priorWeight', 'minPriorComments', 'minBaselineShare'];
  for (const key of nonNegative) {
    if (!(o[key] >= 0)) throw new RangeError(`question spike option ${key} must be ≥ 0, got ${o[key]}`);
  }
  if (!(o.alpha < 1)) throw new RangeError(`question spike option alpha must be < 1, got ${o.alpha}`);
  if (!(o.defaultShare > 0 && o.defaultShare < 1)) throw new RangeError(`question spike option defaultShare must be in (0, 1), got ${o.defaultShare}`);
}

export function createQuestionSpikeDetector(options: Partial<SpikeOptions> = {}): QuestionSpikeDetector {
  const o: SpikeOptions = { ...DEFAULT_SPIKE_OPTIONS, ...options };
  checkOptions(o);
  const sessions = new Map<string, SessionState>();
  const hosts = new Map<string, Tally>();
  const categories = new Map<string, Tally>();
  const platform = new Tally();
  const bucketOf = (ms: number): number => Math.floor(ms / o.bucketMs);
  const retainBuckets = o.windowMinutes + o.baselineMinutes;

  function recordComment(sessionId: string, topics: readonly string[], timestampMs: number, context: SessionContext = {}): void {
    if (!Number.isFinite(timestampMs)) return;
    const bucket = bucketOf(timestampMs);
    let s = sessions.get(sessionId);
    if (s === undefined) {
      s = { hostId: context.host_id, category: context.category, firstBucket: bucket, lastEventMs: timestampMs, buckets: new Map() };
      sessions.set(sessionId, s);
    }
    s.hostId ??= context.host_id;
    s.category ??= context.category;
    s.firstBucket = Math.min(s.firstBucket, bucket); // late events may move the start back
    s.lastEventMs = Math.max(s.lastEventMs, timestampMs);
    let tally = s.buckets.get(bucket);
    if (tally === undefined) {
      tally = new Tally();
      s.buckets.set(bucket, tally);
    }
    tally.add(topics);
  }

  /** A bucket leaving the session's retention becomes history of its host, category and the platform. */
  function fold(s: SessionState, tally: Tally): void {
    const into = (map: Map<string, Tally>, key: string | undefined) => {
      if (key === undefined) return;
      let t = map.get(key);
      if (t === undefined) {
        t = new Tally();
        map.set(key, t);
      }
      t.addTally(tally);
      t.halveAbove(o.historyCap);
    };
    into(hosts, s.hostId);
    into(categories, s.category);
    platform.addTally(tally);
    platform.halveAbove(o.historyCap * 10);
  }

  function prior(s: SessionState, topic: string): { source: PriorSource; share: number } {
    const candidates: Array<[PriorSource, Tally | undefined]> = [
      ['host', s.hostId !== undefined ? hosts.get(s.hostId) : undefined],
      ['category', s.category !== undefined ? categories.get(s.category) : undefined],
      ['platform', platform],
    ];
    for (const [source, tally] of candidates) {
      if (tally && tally.total >= o.minPriorComments && o.minPriorComments >= 0 && tally.total > 0) {
        return { source, share: (tally.topics.get(topic) ?? 0) / tally.total };
      }
    }
    return { source: 'default', share: o.defaultShare };
  }

  function evaluate(nowMs: number): QuestionSpike[] {
    const now = bucketOf(nowMs);
    const windowFirst = now - o.windowMinutes + 1;
    const baselineFirst = windowFirst - o.baselineMinutes;
    const out: QuestionSpike[] = [];
    for (const [sessionId, s] of sessions) {
      const idle = nowMs - s.lastEventMs > o.sessionIdleMs;
      const windowTally = new Tally();
      const history = new Tally();
      for (const [b, tally] of s.buckets) {
        if (idle || b < now - retainBuckets) {
          fold(s, tally); // too old to matter to the session again
          s.buckets.delete(b);
        } else if (b >= windowFirst && b <= now) windowTally.addTally(tally);
        else if (b >= baselineFirst && b < windowFirst) history.addTally(tally);
      }
      if (idle) {
        sessions.delete(sessionId);
        continue;
      }
      const n = windowTally.total;
      if (n === 0) continue;
      const historyMinutes = Math.max(0, windowFirst - Math.max(baselineFirst, s.firstBucket));
      for (const [topic, k] of windowTally.topics) {
        if (k < o.minCount) continue;
        const p = prior(s, topic);
        const kHist = history.topics.get(topic) ?? 0;
        const p0 = Math.max(o.minBaselineShare, (kHist + o.priorWeight * p.share) / (history.total + o.priorWeight));
        const nullShare = Math.min(1, o.ratio * p0);
        if (k / n < nullShare) continue;
        const pValue = binomialUpperTail(k, n, nullShare);
        if (!(pValue < o.alpha)) continue;
        out.push({
          session_id: sessionId,
          topic,
          count: k,
          window_comments: n,
          share: k / n,
          baseline_share: p0,
          baseline_mean: p0 * n,
          baseline_minutes: historyMinutes,
          baseline_comments: history.total,
          prior_source: p.source,
          prior_share: p.share,
          threshold: thresholdCount(n, nullShare, o),
          ratio: o.ratio,
          p_value: pValue,
          alpha: o.alpha,
          window_start_ms: windowFirst * o.bucketMs,
          window_end_ms: (now + 1) * o.bucketMs,
        });
      }
    }
    return out;
  }

  return { recordComment, evaluate, sessionCount: () => sessions.size };
}

/** The fewest comments on the topic out of `n` that would fire: share ≥ nullShare and the test below alpha. */
export function thresholdCount(n: number, nullShare: number, o: Pick<SpikeOptions, 'minCount' | 'alpha'>): number {
  let k = Math.max(o.minCount, Math.ceil(nullShare * n - 1e-9));
  while (k <= n && !(binomialUpperTail(k, n, nullShare) < o.alpha)) k++;
  return k;
}

/**
 * The rule file's `params.stream` of viewer_question_spike → detector options. Every option can
 * be set there; an unknown key or a non-number is an error naming it (a typo must not silently
 * fall back to a default).
 */
export function spikeOptionsFromParams(stream: Readonly<Record<string, number | string | boolean>> | undefined): Partial<SpikeOptions> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(stream ?? {})) {
    if (!(key in DEFAULT_SPIKE_OPTIONS)) throw new RangeError(`viewer_question_spike params.stream.${key}: unknown option (known: ${Object.keys(DEFAULT_SPIKE_OPTIONS).join(', ')})`);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`viewer_question_spike params.stream.${key}: must be a finite number, got ${JSON.stringify(value)}`);
    out[key] = value;
  }
  checkOptions({ ...DEFAULT_SPIKE_OPTIONS, ...out });
  return out as Partial<SpikeOptions>;
}
