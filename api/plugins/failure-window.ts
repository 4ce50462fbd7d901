/**
 * Failures per key (a client address) in a fixed window; a key past `max` failures is refused
 * until its window ends. Bounded: at most `maxKeys` keys are tracked, the oldest dropped first,
 * so a flood of addresses costs memory once, not forever.
 */
export class FailureWindow {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  record(key: string): void {
    const t = this.now();
    const w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs) {
      this.windows.delete(key);
      if (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
      this.windows.set(key, { start: t, count: 1 });
    } else {
      w.count++;
    }
  }

  /** How long `key` must still wait (0: not blocked). */
  blockedForMs(key: string): number {
    const w = this.windows.get(key);
    if (!w || w.count < this.max) return 0;
    return Math.max(0, w.start + this.windowMs - this.now());
  }
}
