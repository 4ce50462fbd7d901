export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 30_000 };

/**
 * Doubling retry delays per partition. A partition whose chunk could not be stored is paused for
 * its delay and then read again from its last resolved offset; a success resets it. Without
 * limit: nothing is skipped, the partition just waits for ClickHouse (or the DLQ) to come back.
 */
export class PartitionBackoff {
  private readonly failures = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly opts: BackoffOptions = DEFAULT_BACKOFF) {}

  /** Records a failure; returns the delay before the next attempt (with ±20 % jitter, so
   * partitions that failed together do not retry in lockstep). */
  failed(key: string): number {
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    const base = Math.min(this.opts.maxMs, this.opts.initialMs * 2 ** (n - 1));
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  /** Consecutive failures so far (the attempt number for logs). */
  attempts(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  succeeded(key: string): void {
    this.failures.delete(key);
  }

  /** Runs `fn` after `ms`, unless stop() comes first. */
  schedule(ms: number, fn: () => void): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
