/**
 * Filters every KPI accepts (DESIGN §4: time range, shop, category, host, live session, plus the
 * SKU category managers drill into) and the caller's scope (DESIGN §8), merged into the bound
 * parameters every KPI query takes. Values only ever reach ClickHouse as query parameters.
 */
export interface KpiFilter {
  shop_id?: string;
  category?: string;
  host_id?: string;
  live_session_id?: string;
  sku_id?: string;
}

/** What a caller may see. Absent fields mean unrestricted. */
export interface Scope {
  categories?: readonly string[];
  host_id?: string;
}

export interface Window {
  from: Date;
  to: Date;
}

/** The filter part of every KPI query's parameters (see the WHERE block of sql/kpi/*.sql). */
export interface FilterParams {
  shop_id: string | null;
  /**
   * Empty = any category. The SQL tests `category IN {categories}` (a set built once), not
   * has(): per-row has() on the LowCardinality column cost the category-filtered and
   * category-scoped reads 10–20 ms more on the benchmark store.
   */
  categories: string[];
  host_id: string | null;
  live_session_id: string | null;
  sku_id: string | null;
  [key: string]: unknown;
}

/**
 * Matches nothing: longer than any id or category a contract accepts (at most 128 characters).
 * Not '': the facts carry '' for an attribute not known yet (a refund or shipment whose order
 * has not arrived), so '' showed a host asking for another host's data every unattributed row.
 * Used when the filter asks for something outside the scope; no level rollup row has it as key.
 */
export const NOTHING = '∅'.repeat(129);

export function filterParams(filter: KpiFilter, scope: Scope = {}): FilterParams {
  let categories: string[] = [];
  if (scope.categories) {
    if (filter.category !== undefined) {
      categories = scope.categories.includes(filter.category) ? [filter.category] : [NOTHING];
    } else {
      categories = scope.categories.length > 0 ? [...scope.categories] : [NOTHING];
    }
  } else if (filter.category !== undefined) {
    categories = [filter.category];
  }
  let host: string | null = filter.host_id ?? null;
  if (scope.host_id !== undefined) host = host === null || host === scope.host_id ? scope.host_id : NOTHING;
  return {
    shop_id: filter.shop_id ?? null,
    categories,
    host_id: host,
    live_session_id: filter.live_session_id ?? null,
    sku_id: filter.sku_id ?? null,
  };
}

/** Whether a row with these attributes is inside the scope (for single-record answers). */
export function inScope(scope: Scope, row: { category: string; host_id: string }): boolean {
  if (scope.categories && !scope.categories.includes(row.category)) return false;
  if (scope.host_id !== undefined && scope.host_id !== row.host_id) return false;
  return true;
}

/** An answer for a window and for the window of the same length just before it. */
export interface Pair<T> {
  current: T;
  previous: T;
}

/** The window of the same length just before `w`: the "previous period" of every tile. */
export function previousWindow(w: Window): Window {
  const len = w.to.getTime() - w.from.getTime();
  return { from: new Date(w.from.getTime() - len), to: new Date(w.from) };
}

/** Where the previous window starts; it must end where `w` starts (one scan covers both). */
export function contiguousStart(w: Window, previous: Window | null): Date {
  if (!previous) return w.from;
  if (previous.to.getTime() !== w.from.getTime()) throw new Error('the previous window must end where the window starts');
  return previous.from;
}
