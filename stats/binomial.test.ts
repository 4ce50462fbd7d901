import { describe, expect, it } from 'vitest';
import { binomialUpperTail, logGamma, wilsonInterval } from './binomial.ts';

/** Exact tail by direct summation with big binomial coefficients, for small n. */
function exactTail(k: number, n: number, p: number): number {
  let sum = 0;
  let c = 1; // C(n, 0)
  for (let i = 0; i <= n; i++) {
    if (i > 0) c = (c * (n - i + 1)) / i;
    if (i >= k) sum += c * p ** i * (1 - p) ** (n - i);
  }
  return sum;
}

describe('binomialUpperTail', () => {
  it('matches direct summation', () => {
    for (const [k, n, p] of [[2, 3, 0.15], [10, 30, 0.15], [0, 10, 0.3], [5, 5, 0.5], [7, 40, 0.1], [1, 1, 0.01]] as const) {
      expect(binomialUpperTail(k, n, p)).toBeCloseTo(exactTail(k, n, p), 12);
    }
  });

  it('handles the edges', () => {
    expect(binomialUpperTail(0, 10, 0.2)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.2)).toBe(0);
    expect(binomialUpperTail(3, 10, 0)).toBe(0);
    expect(binomialUpperTail(3, 10, 1)).toBe(1);
  });

  it('stays accurate for large samples and tiny p-values', () => {
    const p = binomialUpperTail(143, 199, 0.1);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-80);
    // mean of Binomial(20000, 0.1) is 2000: about half the mass at or above it
    expect(binomialUpperTail(2000, 20_000, 0.1)).toBeCloseTo(0.5, 1);
  });

  it('keeps a 2-of-3 fluke and 9 of 30 out at alpha 0.01 against a 15 % threshold, lets 10 of 30 in', () => {
    expect(binomialUpperTail(2, 3, 0.15)).toBeGreaterThan(0.01);
    expect(binomialUpperTail(9, 30, 0.15)).toBeGreaterThan(0.01);
    expect(binomialUpperTail(10, 30, 0.15)).toBeLessThan(0.01);
  });
});

describe('logGamma and wilsonInterval', () => {
  it('logGamma(n + 1) = ln n!', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(6)).toBeCloseTo(Math.log(120), 12);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9);
  });
  it('brackets the observed rate', () => {
    const { low, high } = wilsonInterval(20, 100);
    expect(low).toBeLessThan(0.2);
    expect(high).toBeGreaterThan(0.2);
    expect(low).toBeCloseTo(0.1333, 3);
  });
});
