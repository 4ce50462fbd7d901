import { describe, expect, it } from 'vitest';
import { formatHash, globalQuery, linkTo, parseHash } from './hash-route.ts';

describe('hash routes', () => {
  it('parses the alert drill-down links the server builds', () => {
    expect(parseHash('#/skus/SKU%2F001?from=2026-11-15T00%3A00%3A00.000Z&to=2026-11-22T00%3A00%3A00.000Z')).toEqual({
      path: ['skus', 'SKU/001'],
      query: { from: '2026-11-15T00:00:00.000Z', to: '2026-11-22T00:00:00.000Z' },
    });
    expect(parseHash('#/overview?panel=stages&stage=transit')).toEqual({ path: ['overview'], query: { panel: 'stages', stage: 'transit' } });
    expect(parseHash('')).toEqual({ path: [], query: {} });
  });

  it('round-trips a route with Chinese filter values', () => {
    const r = { path: ['sessions', 'LS 1'], query: { category: '美妆', range: '7d' } };
    expect(parseHash(formatHash(r))).toEqual(r);
  });

  it('keeps the global filters when moving between pages, and nothing page-specific', () => {
    const q = { range: '7d', category: '美妆', sort: 'orders', tab: 'silences' };
    expect(globalQuery(q)).toEqual({ range: '7d', category: '美妆' });
    expect(linkTo(q, ['hosts', 'H1'], { host: 'H1' })).toBe('#/hosts/H1?range=7d&category=%E7%BE%8E%E5%A6%86&host=H1');
  });
});
