/**
 * Time values as the warehouse wants them. Every timestamp column is DateTime64(3, 'UTC'), and
 * query parameters of that type are written 'YYYY-MM-DD hh:mm:ss.sss' in UTC.
 */
export function toChTime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** A whole hour as a DateTime('UTC') parameter ('YYYY-MM-DD hh:mm:ss'): the rollups' grain. */
export function toChHour(t: Date | number): string {
  return toChTime(typeof t === 'number' ? new Date(t) : t).slice(0, 19);
}

/** A DateTime64 value read back from the warehouse (always UTC, no zone suffix). */
export function fromChTime(s: string): Date {
  return new Date(`${s.replace(' ', 'T')}Z`);
}

/** ISO-8601 with zone for API answers, or null. */
export function isoOrNull(s: string | null | undefined): string | null {
  return s ? fromChTime(s).toISOString() : null;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Floors to the hour (UTC and Asia/Shanghai agree on hour boundaries). */
export function floorHour(d: Date): Date {
  return new Date(Math.floor(d.getTime() / HOUR_MS) * HOUR_MS);
}

export function ceilHour(d: Date): Date {
  return new Date(Math.ceil(d.getTime() / HOUR_MS) * HOUR_MS);
}

/** Floors to the UTC day. */
export function floorDay(d: Date): Date {
  return new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS);
}

export function ceilDay(d: Date): Date {
  return new Date(Math.ceil(d.getTime() / DAY_MS) * DAY_MS);
}

export const MINUTE_MS = 60_000;

export function floorMinute(d: Date): Date {
  return new Date(Math.floor(d.getTime() / MINUTE_MS) * MINUTE_MS);
}

export function ceilMinute(d: Date): Date {
  return new Date(Math.ceil(d.getTime() / MINUTE_MS) * MINUTE_MS);
}
