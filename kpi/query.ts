import { queryRows, type Warehouse } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';
import { count, type Num } from './numbers.ts';

/** Runs `sql/<name>.sql` with bound parameters. */
export function runKpiQuery<T>(warehouse: Warehouse, name: string, params: Record<string, unknown>): Promise<T[]> {
  return queryRows<T>(warehouse.client, loadSql(name), params);
}

/** Sorting and pagination of every table answer. */
export interface Page {
  limit: number;
  offset: number;
  sort: string;
  desc: boolean;
}

export interface Paged<T> {
  total: number;
  limit: number;
  offset: number;
  sort: string;
  order: 'asc' | 'desc';
  rows: T[];
}

export function paged<T>(page: Page, total: number, rows: T[]): Paged<T> {
  return { total, limit: page.limit, offset: page.offset, sort: page.sort, order: page.desc ? 'desc' : 'asc', rows };
}

/**
 * Runs a paged table query whose rows carry `total` (count() OVER () before LIMIT / OFFSET).
 * A page past the last one has no row to carry it, so then page one's first row is read for
 * it: the real total on every page, at the price of a second query only past the end.
 * `first` is a row of page one (when there is any), for other whole-table columns it carries.
 */
export async function runPagedQuery<T extends { total: Num }>(
  warehouse: Warehouse,
  name: string,
  params: Record<string, unknown>,
  page: Page,
): Promise<{ rows: T[]; total: number; first: T | undefined }> {
  const rows = await runKpiQuery<T>(warehouse, name, { ...params, ...page });
  let first = rows[0];
  if (rows.length === 0 && page.offset > 0) [first] = await runKpiQuery<T>(warehouse, name, { ...params, ...page, limit: 1, offset: 0 });
  return { rows, total: count(first?.total), first };
}
