import { describe, expect, it } from 'vitest';
import { binomialUpperTail } from './binomial.ts';
import { rateVerdict, restBaseline } from './verdict.ts';

const rule = { ratio: 2, minN: 50, alpha: 0.01 };

describe('rateVerdict', () => {
  it('calls a significant excess over ratio × baseline high', () => {
    const v = rateVerdict({ k: 20, n: 60, baseline: 0.05, ...rule });
    expect(v.level).toBe('high');
    expect(v.missed).toEqual([]);
    expect(v.rate).toBeCloseTo(20 / 60, 12);
    expect(v.ratio).toBeCloseTo(20 / 60 / 0.05, 12);
    expect(v.null_rate).toBeCloseTo(0.1, 12);
    expect(v.p_value).toBe(binomialUpperTail(20, 60, 0.1));
    expect(v.ci_low).toBeLessThan(v.rate);
    expect(v.ci_high).toBeGreaterThan(v.rate);
  });

  it('is normal when above the ratio but not significant, or significant only against the baseline', () => {
    const notSig = rateVerdict({ k: 8, n: 50, baseline: 0.05, ...rule }); // 16 % vs null 10 %
    expect(notSig.level).toBe('normal');
    expect(notSig.missed).toEqual(['not_significant']);
    const below = rateVerdict({ k: 90, n: 1000, baseline: 0.05, ...rule }); // 9 % < 2 × 5 %
    expect(below.level).toBe('normal');
    expect(below.missed).toContain('not_above_ratio');
  });

  it('is too_few below minN or without a baseline, whatever the rate', () => {
    const small = rateVerdict({ k: 40, n: 49, baseline: 0.01, ...rule });
    expect(small.level).toBe('too_few');
    expect(small.missed).toEqual(['below_min_n']);
    const alone = rateVerdict({ k: 40, n: 100, baseline: null, ...rule });
    expect(alone.level).toBe('too_few');
    expect(alone.p_value).toBe(1);
    expect(alone.ratio).toBeNull();
  });

  it('treats a positive rate over a zero baseline as above any ratio', () => {
    const v = rateVerdict({ k: 3, n: 60, baseline: 0, ...rule });
    expect(v.level).toBe('high');
    expect(v.ratio).toBeNull();
    expect(v.p_value).toBe(0);
  });
});

describe('restBaseline', () => {
  it('leaves the row out, null when nothing is left', () => {
    expect(restBaseline(30, 400, 10, 100)).toBeCloseTo(20 / 300, 12);
    expect(restBaseline(10, 100, 10, 100)).toBeNull();
  });
});
