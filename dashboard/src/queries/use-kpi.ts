import type { Query } from '../api/http.ts';
import { kpiQuery } from '../filters/kpi-query.ts';
import { useRange } from '../filters/range-context.tsx';
import { useApi, type Loadable } from './use-api.ts';

/**
 * A KPI endpoint under the global time range and filters. Figures move forward with the range
 * (every refresh tick) without a loading flash; changing a filter or the range shows loading.
 * `which: 'previous'` asks for the previous period instead.
 */
export function useKpi<T>(path: string | null, extra: Query = {}, which: 'current' | 'previous' = 'current'): Loadable<T> {
  const { range, previous, query, tick } = useRange();
  const window = which === 'current' ? range : previous;
  const q = kpiQuery(window, query, extra);
  const { from: _from, to: _to, ...rest } = q;
  void _from;
  void _to;
  const span = range.preset ?? `${range.from.toISOString()}/${range.to.toISOString()}`;
  return useApi<T>(path, q, { keepKey: `${path}|${which}|${span}|${JSON.stringify(rest)}`, refreshKey: tick });
}

/**
 * A KPI endpoint over a window of its own, not the global range (a session page reads the
 * session's cohort, issue #17). No global filter applies; `window: null` waits. Refreshes with
 * the global tick, without a loading flash.
 */
export function useKpiOver<T>(window: { from: Date; to: Date } | null, path: string, extra: Query = {}): Loadable<T> {
  const { tick } = useRange();
  const q: Query = window ? { from: window.from.toISOString(), to: window.to.toISOString(), ...extra } : {};
  return useApi<T>(window ? path : null, q, { keepKey: `${path}|own|${window?.from.toISOString() ?? ''}|${JSON.stringify(extra)}`, refreshKey: tick });
}
