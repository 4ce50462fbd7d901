import { describe, expect, it } from 'vitest';
import { matcherErrors, matchesAll, silencedBy } from './silences.ts';
import type { Silence } from './types.ts';

const labels = { alertname: 'high_return_sku', rule: 'high_return_sku', severity: 'critical', sku_id: 'SKU1', category: '服饰' };

describe('silence matchers', () => {
  it('supports =, !=, =~ and !~ with anchored regexes', () => {
    expect(matchesAll([{ name: 'category', op: '=', value: '服饰' }], labels)).toBe(true);
    expect(matchesAll([{ name: 'category', op: '!=', value: '服饰' }], labels)).toBe(false);
    expect(matchesAll([{ name: 'sku_id', op: '=~', value: 'SKU\\d' }], labels)).toBe(true);
    expect(matchesAll([{ name: 'sku_id', op: '=~', value: 'SKU' }], labels)).toBe(false); // anchored
    expect(matchesAll([{ name: 'rule', op: '!~', value: 'merchant_.*' }], labels)).toBe(true);
    expect(matchesAll([{ name: 'missing', op: '=', value: '' }], labels)).toBe(true);
  });

  it('needs every matcher to hold', () => {
    expect(matchesAll([{ name: 'category', op: '=', value: '服饰' }, { name: 'sku_id', op: '=', value: 'SKU2' }], labels)).toBe(false);
  });

  it('rejects silences that would match everything, bad regexes and empty matcher lists', () => {
    expect(matcherErrors([])).not.toEqual([]);
    expect(matcherErrors([{ name: 'sku_id', op: '=~', value: '.*' }])).not.toEqual([]);
    expect(matcherErrors([{ name: 'sku_id', op: '=~', value: '(' }])[0]).toMatch(/invalid regex/);
    expect(matcherErrors([{ name: 'sku_id', op: '=', value: 'SKU1' }])).toEqual([]);
  });

  it('applies only within its time range', () => {
    const s: Silence = {
      id: 's1', matchers: [{ name: 'sku_id', op: '=', value: 'SKU1' }], startsAt: 1000, endsAt: 2000,
      createdBy: 'ops', comment: '', createdAt: 0, updatedAt: 0,
    };
    expect(silencedBy([s], labels, 999)).toEqual([]);
    expect(silencedBy([s], labels, 1000)).toEqual(['s1']);
    expect(silencedBy([s], labels, 2000)).toEqual([]);
  });
});
