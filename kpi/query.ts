import { queryRows, type Warehouse } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';

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
