import { describe, expect, it } from 'vitest';
import { delta, formatCount, formatDuration, formatOffset, formatPercent, formatSpanCompact, formatValue } from './format.ts';

describe('formatting', () => {
  it('formats counts, rates, durations and scores, with a dash for missing values', () => {
    expect(formatCount(7219)).toBe('7,219');
    expect(formatCount(null)).toBe('—');
    expect(formatPercent(0.0083114)).toBe('0.8%');
    expect(formatPercent(Number.NaN)).toBe('—');
    expect(formatValue(3.7794, 'score')).toBe('3.78');
    expect(formatValue(null, 'ratio')).toBe('—');
  });

  it('picks a readable scale for durations', () => {
    expect(formatDuration(45)).toBe('45 秒');
    expect(formatDuration(623.9)).toBe('10 分钟');
    expect(formatDuration(34_831, 'en')).toBe('9.7 h');
    expect(formatDuration(172_800)).toBe('48 小时');
    expect(formatDuration(5 * 86_400, 'en')).toBe('5 d');
  });

  it('formats a session offset', () => {
    expect(formatOffset(61_000)).toBe('1:01');
    expect(formatOffset(3_723_000)).toBe('1:02:03');
    expect(formatOffset(-5)).toBe('0:00');
  });

  it('shows multi-day windows as dates only', () => {
    const from = new Date(2026, 10, 15, 3).toISOString();
    const to = new Date(2026, 10, 22, 3).toISOString();
    expect(formatSpanCompact({ from, to })).toBe('11-15–11-22');
  });
});

describe('delta against the previous period', () => {
  it('moves rates in percentage points, not relative percent', () => {
    expect(delta(0.03, 0.02, 'ratio', 'en')).toEqual({ direction: 'up', text: '+1.0 pp' });
    expect(delta(0.02, 0.03, 'ratio')).toEqual({ direction: 'down', text: '−1.0 个百分点' });
  });

  it('moves counts and durations relatively', () => {
    expect(delta(715, 584, 'count')).toEqual({ direction: 'up', text: '+22.4%' });
    expect(delta(100, 100, 'count').direction).toBe('flat');
  });

  it('falls back to the absolute change when the previous value is zero', () => {
    expect(delta(5, 0, 'count')).toEqual({ direction: 'up', text: '+5' });
    expect(delta(0, 0, 'count')).toEqual({ direction: 'flat', text: '0' });
  });

  it('has nothing to say without both values', () => {
    expect(delta(0.01, null, 'ratio')).toEqual({ direction: 'none', text: '' });
    expect(delta(null, 3, 'count').direction).toBe('none');
  });
});
