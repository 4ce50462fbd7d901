import { describe, expect, it } from 'vitest';
import { filterParams, NOTHING } from './filters.ts';
import { finestLevel } from './levels.ts';

describe('finestLevel', () => {
  it('reads the finest filter level, with its key', () => {
    expect(finestLevel(filterParams({}))).toEqual({ level: 'all', key: '' });
    expect(finestLevel(filterParams({ category: '美妆' }))).toEqual({ level: 'all', key: '' });
    expect(finestLevel(filterParams({ shop_id: 'S1', category: '美妆' }))).toEqual({ level: 'shop', key: 'S1' });
    expect(finestLevel(filterParams({ shop_id: 'S1', host_id: 'H1' }))).toEqual({ level: 'host', key: 'H1' });
    expect(finestLevel(filterParams({ host_id: 'H1', live_session_id: 'L1' }))).toEqual({ level: 'session', key: 'L1' });
    expect(finestLevel(filterParams({}, { host_id: 'H2' }))).toEqual({ level: 'host', key: 'H2' });
  });

  it('leaves SKU filters to the facts; a filter outside the scope keys nothing', () => {
    expect(finestLevel(filterParams({ sku_id: 'K1' }))).toBeNull();
    expect(finestLevel(filterParams({ host_id: 'H1' }, { host_id: 'H2' }))).toEqual({ level: 'host', key: NOTHING });
    // A category outside the scope is tested on the row column, which every level carries.
    expect(finestLevel(filterParams({ category: '食品' }, { categories: ['美妆'] }))).toEqual({ level: 'all', key: '' });
  });
});

describe('filterParams', () => {
  it('"nothing" is neither an attribute a fact can lack ("") nor an id a contract accepts', () => {
    const p = filterParams({ host_id: 'H1', category: '食品' }, { host_id: 'H2', categories: ['美妆'] });
    expect(p.host_id).toBe(NOTHING);
    expect(p.categories).toEqual([NOTHING]);
    expect(NOTHING).not.toBe('');
    expect(NOTHING.length).toBeGreaterThan(128);
  });
});
