/**
 * Answers of the KPI routes, cached per (route, query, scope, KPI watermark, minute), and a
 * bound on how many of them are computed at once (issue #20: under 50 dashboard + 50 ingest
 * clients the overview's p50 was 10 s although one request alone takes 0.14 s).
 *
 * Why this key is exact: KPI answers are read from facts the refresh job writes, and the job's
 * watermark (kpi/freshness.ts, the answers' data_as_of) moves whenever those facts change; a
 * window without `to` ends at "now" floored to the whole minute (resolveWindow). So two
 * requests with the same query and scope in the same minute under the same watermark get the
 * same answer — 50 dashboards on the same page cost one query, not fifty. The scope is part
 * of the key, so a host never receives an answer computed for another host.
 *
 * Why bounded concurrency: the embedded engine runs one statement at a time; fifty heavy reads
 * queued inside it make every insert wait behind them. Reads beyond `maxConcurrent` wait here,
 * in order, and identical requests wait for the one already running (single flight).
 */
export interface AnswerCacheOptions {
  /** The KPI refresh watermark (null before the first refresh). */
  watermark: () => Promise<string | null>;
  /** How often the watermark is read again (in the background: no request waits for it). */
  watermarkTtlMs?: number;
  /** An answer this old (ms) may still be served while its successor is computed. */
  maxStaleMs?: number;
  maxEntries?: number;
  maxConcurrent?: number;
  now?: () => number;
}

interface Entry {
  /** [watermark, minute] the answer was computed for. */
  version?: string;
  value?: unknown;
  at: number;
  pending?: { version: string; promise: Promise<unknown> };
}

/**
 * Stale while revalidate: when the watermark moves or the minute turns, the answer of the
 * previous version is served (at most maxStaleMs old; every answer names the window and the
 * data_as_of it covers) while one computation of the new one runs. Under load the engine may
 * take seconds for that computation; without this, every dashboard would wait for it at each
 * refresh. The watermark itself is read in the background for the same reason: reading it is
 * a query, and under ingest load a query waits its turn in the engine.
 */
export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private mark: { value: string | null; at: number } | undefined;
  private markReading: Promise<string | null> | undefined;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  hits = 0;
  stale = 0;
  misses = 0;

  constructor(private readonly opts: AnswerCacheOptions) {}

  private get now(): number {
    return (this.opts.now ?? Date.now)();
  }

  /** The answer for this route, query and scope: cached, shared with an identical request in flight, or computed. */
  async answer<T>(route: string, query: unknown, scope: unknown, compute: () => Promise<T>): Promise<T> {
    const now = this.now;
    const version = JSON.stringify([await this.watermark(), Math.floor(now / 60_000)]);
    const key = JSON.stringify([route, sortedEntries(query), sortedEntries(scope)]);
    let e = this.entries.get(key);
    if (e) {
      // Most recently used last, so the oldest is evicted first.
      this.entries.delete(key);
      this.entries.set(key, e);
    } else {
      e = { at: now };
      this.entries.set(key, e);
      const max = this.opts.maxEntries ?? 500;
      while (this.entries.size > max) this.entries.delete(this.entries.keys().next().value!);
    }
    if (e.version === version) {
      this.hits++;
      return e.value as T;
    }
    const fresh = e.pending?.version === version ? (e.pending.promise as Promise<T>) : this.recompute(e, version, compute);
    if (e.version !== undefined && now - e.at <= (this.opts.maxStaleMs ?? 120_000)) {
      this.stale++;
      fresh.catch(() => undefined); // a failed refresh leaves the previous answer; the next request tries again
      return e.value as T;
    }
    this.misses++;
    return fresh;
  }

  private recompute<T>(e: Entry, version: string, compute: () => Promise<T>): Promise<T> {
    const promise = this.limited(compute).then(
      (value) => {
        e.version = version;
        e.value = value;
        e.at = this.now;
        if (e.pending?.promise === promise) e.pending = undefined;
        return value;
      },
      (err: unknown) => {
        // A failure is not an answer: the next request computes again.
        if (e.pending?.promise === promise) e.pending = undefined;
        throw err;
      },
    );
    e.pending = { version, promise };
    return promise;
  }

  /** The last watermark read; re-read in the background once it is older than the TTL. */
  private async watermark(): Promise<string | null> {
    const ttl = this.opts.watermarkTtlMs ?? 1000;
    const now = this.now;
    if (!this.markReading && (!this.mark || now - this.mark.at >= ttl || now < this.mark.at)) {
      const reading = this.opts.watermark();
      this.markReading = reading;
      reading.then(
        (value) => {
          this.mark = { value, at: this.now };
          this.markReading = undefined;
        },
        () => {
          this.markReading = undefined;
        },
      );
    }
    // Only the very first request waits for a read.
    if (this.mark) return this.mark.value;
    return this.markReading!;
  }

  private async limited<T>(compute: () => Promise<T>): Promise<T> {
    const max = this.opts.maxConcurrent ?? 2;
    // A finishing read hands its slot straight to the next in line, so the bound holds exactly.
    if (this.running < max) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await compute();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** A value with object keys in a stable order, for the cache key. */
function sortedEntries(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedEntries);
  if (v && typeof v === 'object') {
    return Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => [k, sortedEntries((v as Record<string, unknown>)[k])]);
  }
  return v;
}
