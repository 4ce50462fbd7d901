import type { ReasonGroup, ReasonRow } from '../api/types.ts';

/** Reason mix: one bar per reason code, coloured by group (无理由 / 品质 / other), with group totals. */

export const GROUP_COLORS: Record<ReasonGroup, string> = {
  no_reason: '#60a5fa',
  quality: '#ef4444',
  other: '#a3a3a3',
};

export interface ReasonBar {
  code: string;
  group: ReasonGroup;
  count: number;
  share: number;
  color: string;
}

export function reasonBars(rows: ReasonRow[]): ReasonBar[] {
  return [...rows]
    .sort((a, b) => b.count - a.count || a.reason_code.localeCompare(b.reason_code))
    .map((r) => ({ code: r.reason_code, group: r.reason_group, count: r.count, share: r.share, color: GROUP_COLORS[r.reason_group] }));
}

export function groupShares(rows: ReasonRow[]): Record<ReasonGroup, number> {
  const total = rows.reduce((s, r) => s + r.count, 0);
  const out: Record<ReasonGroup, number> = { no_reason: 0, quality: 0, other: 0 };
  if (total === 0) return out;
  for (const r of rows) out[r.reason_group] += r.count / total;
  return out;
}
