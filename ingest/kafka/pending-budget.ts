/**
 * Bytes of Kafka messages handed to the pipeline and not yet stored: the consumer's backpressure.
 *
 * Fetching no longer waits for inserts, so without a bound a slow ClickHouse would let the
 * consumer pull the whole topic into memory. A batch that would pass the limit waits until
 * enough earlier chunks are stored; one chunk is always admitted when nothing is pending, so a
 * chunk larger than the limit cannot wait forever.
 */
export class PendingBudget {
  private used = 0;
  private readonly waiters = new Set<() => void>();

  constructor(readonly limitBytes: number) {}

  get pendingBytes(): number {
    return this.used;
  }

  /** Takes `bytes` if they fit now. */
  tryAcquire(bytes: number): boolean {
    if (this.used > 0 && this.used + bytes > this.limitBytes) return false;
    this.used += bytes;
    return true;
  }

  /**
   * Waits until `bytes` fit, calling `tick` at least every `tickMs` meanwhile (the consumer
   * heartbeats there, or its group would drop it during a long wait). Gives up, returning false,
   * as soon as `abandon()` says so after a tick.
   */
  async acquire(bytes: number, tick: () => Promise<void>, abandon: () => boolean, tickMs = 1_000): Promise<boolean> {
    while (!this.tryAcquire(bytes)) {
      if (abandon()) return false;
      await this.released(tickMs);
      await tick();
    }
    return true;
  }

  release(bytes: number): void {
    this.used -= bytes;
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves once nothing is pending (shutdown waits here before its last commit). */
  async drained(): Promise<void> {
    while (this.used > 0) await this.released(60_000);
  }

  private released(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.add(wake);
    });
  }
}
