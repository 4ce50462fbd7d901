import { DAY_MS, ceilHour, ceilMinute, floorHour, floorMinute } from './time.ts';
import type { Level } from './levels.ts';

/**
 * How a level read covers a time range [lo, hi) with the least fact reading: whole hours from the
 * level rollup's hour rows, the whole minutes around them from its minute rows (levels
 * `<level>:minute`), and only the sub-minute slivers at the ends from the facts. Five consecutive
 * pieces, lo ≤ a ≤ b ≤ c ≤ d ≤ hi:
 *   facts [lo, a) · minute rows [a, b) · hour rows [b, c) · minute rows [c, d) · facts [d, hi)
 * Minute rows are kept for recent hours only (MINUTE_ROWS_*): a piece that would start before
 * `minutesFrom` is read from the facts instead, so an old window stays exact, only slower.
 */
export interface RangeSplit {
  a: Date;
  b: Date;
  c: Date;
  d: Date;
}

/** The refresh writes minute rows for touched hours from this many days before its run. */
export const MINUTE_ROWS_WRITTEN_DAYS = 4;
/**
 * Reads use minute rows from this many days before their `now` (less than written, so a row a
 * read may use was written by every run since, whatever the clocks of reader and job).
 */
export const MINUTE_ROWS_READ_DAYS = 3;

/** The level value of a level's minute rows. */
export function minuteLevel(level: Level): string {
  return `${level}:minute`;
}

/** A `minutesFrom` after every window: splitRange then uses no minute rows (hour rows and facts only). */
export const NO_MINUTE_ROWS = new Date(8.64e15);

/** The first hour whose minute rows a refresh run at `now` writes. */
export function minuteRowsWrittenFrom(now: Date): Date {
  return new Date(floorHour(now).getTime() - MINUTE_ROWS_WRITTEN_DAYS * DAY_MS);
}

/** Where a read at `now` may start using minute rows. */
export function minuteRowsFrom(now: Date): Date {
  return new Date(floorHour(now).getTime() - MINUTE_ROWS_READ_DAYS * DAY_MS);
}

export function splitRange(lo: Date, hi: Date, minutesFrom: Date): RangeSplit {
  const all = (p: Date): RangeSplit => ({ a: p, b: p, c: p, d: p });
  if (hi.getTime() <= lo.getTime()) return all(lo);
  const b = ceilHour(lo);
  const c = floorHour(hi);
  const minutesOk = (start: Date) => start.getTime() >= minutesFrom.getTime();
  if (b.getTime() >= c.getTime()) {
    // No whole hour inside: at most one run of whole minutes, else all of it from the facts.
    const m0 = ceilMinute(lo);
    const m1 = floorMinute(hi);
    return m0.getTime() < m1.getTime() && minutesOk(m0) ? { a: m0, b: m1, c: m1, d: m1 } : all(lo);
  }
  const head = ceilMinute(lo);
  return { a: minutesOk(head) ? head : b, b, c, d: minutesOk(c) ? floorMinute(hi) : c };
}
