import type { Query } from '../api/http.ts';
import type { ResolvedRange } from './time-range.ts';

/** Filters every KPI endpoint takes (DESIGN §4), from the URL's global keys. */
export const FILTER_KEYS = ['shop_id', 'category', 'host_id', 'live_session_id'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export function kpiQuery(range: { from: Date; to: Date }, query: Record<string, string>, extra: Query = {}): Query {
  const q: Query = { from: range.from.toISOString(), to: range.to.toISOString() };
  for (const k of FILTER_KEYS) if (query[k]) q[k] = query[k];
  return { ...q, ...extra };
}

export function activeFilters(query: Record<string, string>): { key: FilterKey; value: string }[] {
  return FILTER_KEYS.filter((k) => query[k]).map((k) => ({ key: k, value: query[k]! }));
}

export type { ResolvedRange };
