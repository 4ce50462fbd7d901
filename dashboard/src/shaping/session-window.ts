/**
 * The window a session page reads its own figures over (issue #17): from the hour its first
 * transcript line or order fell in, to now. Return rates are by order cohort, so this window
 * holds exactly the session's orders and every refund asked for them so far, however long ago
 * the session ran and whatever the dashboard's global range says. The API takes at most
 * MAX_DAYS; an older session is read over the MAX_DAYS before now (its orders may fall outside).
 */
export const MAX_DAYS = 399;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SpanLike {
  started_at: string | null;
  first_order_at: string | null;
}

export function sessionWindow(span: SpanLike | undefined, now: number): { from: Date; to: Date } | null {
  const starts = [span?.started_at, span?.first_order_at].filter((s): s is string => !!s).map((s) => Date.parse(s)).filter(Number.isFinite);
  if (starts.length === 0) return null;
  const first = Math.floor(Math.min(...starts) / HOUR) * HOUR;
  const to = Math.max(now, first + HOUR);
  return { from: new Date(Math.max(first, to - MAX_DAYS * DAY)), to: new Date(to) };
}
