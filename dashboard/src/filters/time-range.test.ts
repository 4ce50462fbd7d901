import { describe, expect, it } from 'vitest';
import { granularityFor, previousRange, resolveRange, trendGranularity, trendMetricOf } from './time-range.ts';

const now = new Date('2026-11-22T10:00:00.000Z');

describe('global time range', () => {
  it('defaults to the last 24 hours by the hour', () => {
    const r = resolveRange({}, now);
    expect(r).toMatchObject({ preset: '24h', granularity: 'hour' });
    expect(r.from.toISOString()).toBe('2026-11-21T10:00:00.000Z');
  });

  it('resolves presets relative to now', () => {
    expect(resolveRange({ range: '1h' }, now)).toMatchObject({ preset: '1h', granularity: 'minute' });
    expect(resolveRange({ range: '30d' }, now).granularity).toBe('day');
  });

  it('takes a fixed window from the URL, and ignores a backwards one', () => {
    const r = resolveRange({ from: '2026-11-15T00:00:00Z', to: '2026-11-22T00:00:00Z' }, now);
    expect(r).toMatchObject({ preset: null, granularity: 'hour' });
    expect(resolveRange({ from: '2026-11-23T00:00:00Z', to: '2026-11-22T00:00:00Z' }, now).preset).toBe('24h');
    expect(resolveRange({ from: 'nonsense' }, now).preset).toBe('24h');
  });

  it('a preset wins over leftover from/to', () => {
    expect(resolveRange({ range: '7d', from: '2026-11-01T00:00:00Z' }, now).preset).toBe('7d');
  });

  it('the previous period is the same length just before', () => {
    const p = previousRange({ from: new Date('2026-11-21T10:00:00Z'), to: now });
    expect(p.from.toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(p.to.toISOString()).toBe('2026-11-21T10:00:00.000Z');
  });

  it('charts return rates by the hour at least, and maps 7-day tiles to their trend metric', () => {
    expect(trendGranularity('return_rate', 'minute')).toBe('hour');
    expect(trendGranularity('refund_requests', 'minute')).toBe('minute');
    expect(trendMetricOf('return_rate_7d')).toBe('return_rate');
    expect(trendMetricOf('delay_rate')).toBe('delay_rate');
    expect(granularityFor(15 * 86_400_000)).toBe('day');
  });
});
