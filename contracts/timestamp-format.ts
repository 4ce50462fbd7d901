import { IsDateTime, Set as SetFormat } from 'typebox/format';

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ZERO = 48;

/** The number written by the two ASCII digits at i, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - ZERO;
  const b = s.charCodeAt(i + 1) - ZERO;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * RFC 3339 date-time, same answers as TypeBox's IsDateTime but without its regexes and
 * splits: every event carries one or two timestamps, and at ingest rates the library check
 * was ~5 % of the consuming thread (CPU profile of bench:ingest). Only the shape producers
 * send — `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` — is decided here; anything else (a
 * lowercase `t`/`z`, a leap second, an RFC 9557 suffix) goes to the library.
 */
export function isDateTime(s: string): boolean {
  const shaped = fastShape(s);
  return shaped === undefined ? IsDateTime(s) : shaped;
}

/** true / false when s has the common shape, undefined when the library must decide. */
function fastShape(s: string): boolean | undefined {
  if (s.length < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84) return undefined;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const century = twoDigits(s, 0);
  const yy = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  if (century < 0 || yy < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  if (second > 59) return undefined; // 60 is a leap second only at 23:59 UTC: the library knows
  let i = 19;
  if (s.charCodeAt(i) === 46) {
    i++;
    const digitsFrom = i;
    while (i < s.length && s.charCodeAt(i) >= ZERO && s.charCodeAt(i) <= ZERO + 9) i++;
    if (i === digitsFrom) return undefined;
  }
  const zone = s.charCodeAt(i);
  if (zone === 90) {
    if (i + 1 !== s.length) return undefined;
  } else if (zone === 43 || zone === 45) {
    if (i + 6 !== s.length || s.charCodeAt(i + 3) !== 58) return undefined;
    const zh = twoDigits(s, i + 1);
    const zm = twoDigits(s, i + 4);
    if (zh < 0 || zm < 0) return undefined;
    if (zh > 23 || zm > 59) return false;
  } else {
    return undefined;
  }
  const year = century * 100 + yy;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12 || day < 1) return false;
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month]!)) return false;
  return hour <= 23 && minute <= 59;
}

/**
 * The year of a timestamp in the common shape (see isDateTime), or NaN for any other text.
 * Only that shape: Date.parse reads it for sure, while some forms the library accepts (an
 * RFC 9557 suffix, a leap second) it cannot read at all.
 */
export function commonShapeYear(s: string): number {
  return fastShape(s) === true ? twoDigits(s, 0) * 100 + twoDigits(s, 2) : Number.NaN;
}

// Contracts compile their validators when contracts/index.ts loads; it imports this module
// first, so the compiled checks call isDateTime.
SetFormat('date-time', isDateTime);
