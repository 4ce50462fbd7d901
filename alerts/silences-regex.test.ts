import { describe, expect, it } from 'vitest';
import { MAX_PATTERN_LENGTH, matcherErrors, matchesAll } from './silences.ts';

// Issue #20: `(\w|\w|\w)*Z` as a silence matcher made GET /v1/alerts take 5 s and froze the
// process. Matchers now run on RE2 (linear time): on a backtracking engine, 3^40 paths below
// would never finish and the test would time out instead of passing.
describe('matcher regexes', () => {
  it('evaluates a catastrophic-backtracking pattern at once', () => {
    const labels = { sku_id: 'a'.repeat(40), category: 'a'.repeat(5000) };
    expect(matchesAll([{ name: 'sku_id', op: '=~', value: '(\\w|\\w|\\w)*Z' }], labels)).toBe(false);
    expect(matchesAll([{ name: 'category', op: '!~', value: '(a+)+b' }], labels)).toBe(true);
    expect(matchesAll([{ name: 'sku_id', op: '=~', value: '(\\w|\\w|\\w)*' }], labels)).toBe(true);
  });

  it('keeps Alertmanager semantics: anchored, alternation, unicode', () => {
    expect(matchesAll([{ name: 'c', op: '=~', value: '服饰|美妆' }], { c: '美妆' })).toBe(true);
    expect(matchesAll([{ name: 'c', op: '=~', value: '服饰|美妆' }], { c: '美妆x' })).toBe(false);
    expect(matchesAll([{ name: 'c', op: '=~', value: '.' }], { c: '饰' })).toBe(true);
  });

  it('refuses what RE2 cannot run in linear time, and over-long patterns', () => {
    expect(matcherErrors([{ name: 'sku_id', op: '=~', value: '(a)\\1' }])[0]).toMatch(/invalid regex/);
    expect(matcherErrors([{ name: 'sku_id', op: '=~', value: '(?=SKU)SKU1' }])[0]).toMatch(/invalid regex/);
    expect(matcherErrors([{ name: 'sku_id', op: '=~', value: 'S'.repeat(MAX_PATTERN_LENGTH + 1) }])[0]).toMatch(/longer than 256/);
    expect(matcherErrors([{ name: 'sku_id', op: '=~', value: 'SKU\\d+' }])).toEqual([]);
  });
});
