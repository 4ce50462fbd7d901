import { describe, expect, it } from 'vitest';
import { pageOffset, pageWindow, sortChanges, sortFromQuery } from './table-sort.ts';

const fallback = { sort: 'orders', order: 'desc' as const };

describe('table sort in the URL', () => {
  it('reads a prefixed sort, ignoring the page sort and unknown columns', () => {
    const q = { sort: 'delay_rate', s_sort: 'return_rate', s_order: 'asc' };
    expect(sortFromQuery(q, 's_', ['orders', 'return_rate'], fallback)).toEqual({ sort: 'return_rate', order: 'asc' });
    expect(sortFromQuery(q, 'h_', ['orders', 'return_rate'], fallback)).toEqual(fallback);
    expect(sortFromQuery({ s_sort: 'x; drop', s_order: 'sideways' }, 's_', ['orders'], fallback)).toEqual(fallback);
  });

  it('writes a new sort, leaves the default out and returns to the first page', () => {
    expect(sortChanges('s_', { sort: 'key', order: 'asc' }, fallback)).toEqual({ s_sort: 'key', s_order: 'asc', s_page: undefined });
    expect(sortChanges('s_', fallback, fallback)).toEqual({ s_sort: undefined, s_order: undefined, s_page: undefined });
  });
});

describe('pageWindow', () => {
  it('gives the offset and the rows shown, clamping the page', () => {
    expect(pageWindow(45, 20, 1)).toEqual({ page: 1, pages: 3, offset: 0, first: 1, last: 20 });
    expect(pageWindow(45, 20, 3)).toEqual({ page: 3, pages: 3, offset: 40, first: 41, last: 45 });
    expect(pageWindow(45, 20, 9)).toMatchObject({ page: 3, offset: 40 });
    expect(pageWindow(45, 20, Number.NaN)).toMatchObject({ page: 1, offset: 0 });
    expect(pageWindow(0, 20, 2)).toEqual({ page: 1, pages: 1, offset: 0, first: 0, last: 0 });
  });

  it('gives a page offset from the URL before the total is known', () => {
    expect(pageOffset(3, 20)).toBe(40);
    expect(pageOffset(0, 20)).toBe(0);
    expect(pageOffset(Number.NaN, 20)).toBe(0);
    expect(pageOffset(2.7, 20)).toBe(20);
  });
});
