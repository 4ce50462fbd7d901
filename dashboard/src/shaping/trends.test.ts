import { describe, expect, it } from 'vitest';
import type { TrendPoint } from '../api/types.ts';
import { hasValues, metricUnit, overlay, total } from './trends.ts';

const p = (bucket: string, value: number | null, numerator: number | null = null, denominator: number | null = null): TrendPoint => ({ bucket, value, numerator, denominator });

describe('trend with the previous period overlaid', () => {
  it('lines the previous buckets up with the current ones by position', () => {
    const cur = [p('2026-11-22T00:00:00Z', 3), p('2026-11-22T01:00:00Z', 5)];
    const prev = [p('2026-11-21T00:00:00Z', 2), p('2026-11-21T01:00:00Z', null)];
    expect(overlay(cur, prev)).toEqual([
      { t: Date.parse('2026-11-22T00:00:00Z'), current: 3, previous: 2, previousT: Date.parse('2026-11-21T00:00:00Z') },
      { t: Date.parse('2026-11-22T01:00:00Z'), current: 5, previous: null, previousT: Date.parse('2026-11-21T01:00:00Z') },
    ]);
  });

  it('aligns the latest buckets when the previous window was cut to one more bucket', () => {
    const cur = [p('2026-11-22T01:00:00Z', 1), p('2026-11-22T02:00:00Z', 2)];
    const prev = [p('2026-11-21T00:00:00Z', 7), p('2026-11-21T01:00:00Z', 8), p('2026-11-21T02:00:00Z', 9)];
    expect(overlay(cur, prev).map((r) => r.previous)).toEqual([8, 9]);
  });

  it('works without a previous period', () => {
    expect(overlay([p('2026-11-22T00:00:00Z', 1)], undefined)[0]).toMatchObject({ current: 1, previous: null, previousT: null });
  });

  it('totals counts and pools ratios over their numerators and denominators', () => {
    expect(total([p('a', 2), p('b', null), p('c', 3)], 'count')).toBe(5);
    expect(total([p('a', 0.5, 1, 2), p('b', 0.1, 1, 10)], 'ratio')).toBeCloseTo(2 / 12);
    expect(total([], 'count')).toBeNull();
  });

  it('tells an all-zero or all-empty series apart from one with data', () => {
    expect(hasValues(overlay([p('a', 0), p('b', null)], []))).toBe(false);
    expect(hasValues(overlay([p('a', 0)], [p('z', 4)]))).toBe(true);
  });

  it('knows the unit of each metric', () => {
    expect(metricUnit('refund_requests')).toBe('count');
    expect(metricUnit('processing_time_p90_s')).toBe('seconds');
    expect(metricUnit('csat_mean')).toBe('score');
    expect(metricUnit('return_rate')).toBe('ratio');
  });
});
