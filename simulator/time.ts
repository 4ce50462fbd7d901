/**
 * Time helpers. The simulated platform lives in China Standard Time (UTC+8, no daylight
 * saving), so "a day" and "the evening" are China-local; timestamps are written with the +08:00
 * offset the way a domestic platform's producers would.
 */

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const CST_OFFSET = 8 * HOUR;

/** China-local calendar day number (days since 1970-01-01 CST) containing `ms`. */
export function chinaDay(ms: number): number {
  return Math.floor((ms + CST_OFFSET) / DAY);
}

/** Epoch ms of 00:00 China time on `day`. */
export function chinaDayStart(day: number): number {
  return day * DAY - CST_OFFSET;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
let cachedDay = Number.NaN;
let cachedPrefix = '';

/**
 * ISO-8601 with the +08:00 zone, millisecond precision: `2025-03-01T20:15:03.120+08:00`.
 * Called for every event; formats the time of day by hand and reuses the date part, which is
 * several times faster than Date#toISOString on this hot path.
 */
export function isoCst(ms: number): string {
  const local = Math.floor(ms) + CST_OFFSET;
  const day = Math.floor(local / DAY);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedPrefix = new Date(day * DAY).toISOString().slice(0, 11);
  }
  let rest = local - day * DAY;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  const msText = millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : String(millis);
  return `${cachedPrefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${msText}+08:00`;
}

/** `20250301` for a China-local day; used inside ids. */
export function ymd(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10).replaceAll('-', '');
}

/** Saturday or Sunday in China (1970-01-01 was a Thursday). */
export function isWeekend(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday
  return weekday === 0 || weekday === 6;
}
