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
  /** How long a read watermark is reused (one query for a burst of requests). */
  watermarkTtlMs?: number;
  maxEntries?: number;
  maxConcurrent?: number;
  now?: () => number;
}

interface Entry {
  value: Promise<unknown>;
  minute: number;
}

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private watermarkRead: { at: number; value: Promise<string | null> } | undefined;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  hits = 0;
  misses = 0;

  constructor(private readonly opts: AnswerCacheOptions) {}

  private get now(): number {
    return (this.opts.now ?? Date.now)();
  }

  /** The answer for this route, query and scope: cached, shared with an identical request in flight, or computed. */
  async answer<T>(route: string, query: unknown, scope: unknown, compute: () => Promise<T>): Promise<T> {
    const minute = Math.floor(this.now / 60_000);
    const mark = await this.watermark();
    const key = JSON.stringify([route, sortedEntries(query), sortedEntries(scope), mark, minute]);
    const hit = this.entries.get(key);
    if (hit && hit.minute === minute) {
      this.hits++;
      // Most recently used last, so the oldest is evicted first.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    this.misses++;
    const value = this.limited(compute);
    this.entries.set(key, { value, minute });
    // A failure is not an answer: the next request computes again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    const max = this.opts.maxEntries ?? 500;
    while (this.entries.size > max) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  private watermark(): Promise<string | null> {
    const ttl = this.opts.watermarkTtlMs ?? 1000;
    const now = this.now;
    if (!this.watermarkRead || now - this.watermarkRead.at >= ttl || now < this.watermarkRead.at) {
      const value = this.opts.watermark();
      this.watermarkRead = { at: now, value };
      value.catch(() => {
        if (this.watermarkRead?.value === value) this.watermarkRead = undefined;
      });
    }
    return this.watermarkRead.value;
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
