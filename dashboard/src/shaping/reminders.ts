import type { HostReminder } from '../api/live-types.ts';

/**
 * The host console's reminder stream: newest first, each reminder once (a reconnect may replay),
 * at most REMINDERS_MAX kept; and several promised terms of a transcript line marked at once (the order trace).
 */
export const REMINDERS_MAX = 200;

export function addReminder(list: HostReminder[], r: HostReminder): HostReminder[] {
  if (list.some((x) => x.id === r.id)) return list;
  return [r, ...list].slice(0, REMINDERS_MAX);
}

export interface TextPart {
  text: string;
  hit: boolean;
}

/**
 * Marks several spans at once (a transcript line with more than one hit). Overlapping spans
 * merge; spans outside the text are dropped.
 */
export function highlightMany(text: string, spans: { start: number; end: number }[]): TextPart[] {
  const valid = spans
    .filter((s) => s.start >= 0 && s.end > s.start && s.end <= text.length)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const s of valid) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  const parts: TextPart[] = [];
  let at = 0;
  for (const s of merged) {
    if (s.start > at) parts.push({ text: text.slice(at, s.start), hit: false });
    parts.push({ text: text.slice(s.start, s.end), hit: true });
    at = s.end;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), hit: false });
  return parts;
}

/** Detection-to-screen latency of a reminder, for the console's small print. */
export function latencyMs(r: HostReminder, shownAt: number): number | null {
  return Number.isFinite(r.detected_at) ? Math.max(0, shownAt - r.detected_at) : null;
}
