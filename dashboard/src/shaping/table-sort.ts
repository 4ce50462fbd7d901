/**
 * Sort state of a table kept in the URL under its own prefix (`s_sort`, `s_order`), so several
 * sortable tables on one page — and the page's own `sort` — do not step on each other, and a
 * sorted view is a link. Unknown columns fall back to the default (the API would refuse them).
 */
export interface TableSort {
  sort: string;
  order: 'asc' | 'desc';
}

export function sortFromQuery(query: Record<string, string>, prefix: string, allowed: readonly string[], fallback: TableSort): TableSort {
  const sort = query[`${prefix}sort`];
  const order = query[`${prefix}order`];
  return {
    sort: sort !== undefined && allowed.includes(sort) ? sort : fallback.sort,
    order: order === 'asc' || order === 'desc' ? order : fallback.order,
  };
}

/** The URL changes for a new sort (the default leaves the keys out) and back to the first page. */
export function sortChanges(prefix: string, next: TableSort, fallback: TableSort): Record<string, string | undefined> {
  const isDefault = next.sort === fallback.sort && next.order === fallback.order;
  return {
    [`${prefix}sort`]: isDefault ? undefined : next.sort,
    [`${prefix}order`]: isDefault ? undefined : next.order,
    [`${prefix}page`]: undefined,
  };
}

/** The row offset of a page (numbered from 1) before the total is known; a bad page is page 1. */
export function pageOffset(page: number, pageSize: number): number {
  return (Math.max(1, Math.floor(page) || 1) - 1) * pageSize;
}

/** Page numbers from 1; `page` out of range is clamped. */
export function pageWindow(total: number, pageSize: number, page: number): { page: number; pages: number; offset: number; first: number; last: number } {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const offset = (p - 1) * pageSize;
  return { page: p, pages, offset, first: total === 0 ? 0 : offset + 1, last: Math.min(total, offset + pageSize) };
}
