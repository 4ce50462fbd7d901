import { describe, expect, it } from 'vitest';
import { recentDays } from './refresh.ts';

describe('recentDays (the refund_facts partitions the refresh job keeps merged)', () => {
  it('is the UTC date of the moment and the days before it, oldest first', () => {
    expect(recentDays(new Date('2026-12-01T22:25:00.000Z'), 3)).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
  });
  it('counts UTC days, also just after midnight and across a month and a year', () => {
    expect(recentDays(new Date('2027-01-01T00:00:00.001Z'), 3)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01']);
  });
});
