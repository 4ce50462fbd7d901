import { describe, expect, it } from 'vitest';
import { cohortPlan } from './cohort-plan.ts';

const w = (from: string, to: string) => ({ from: new Date(`${from}Z`), to: new Date(`${to}Z`) });

describe('cohortPlan', () => {
  it('reads a partly covered day whole when that reads fewer rows, and corrects it by the hours outside', () => {
    // The overview's rolling 7 days ending 22:00 and the 7 before.
    const p = cohortPlan(w('2026-11-24T22:00:00', '2026-12-01T22:00:00'), w('2026-11-17T22:00:00', '2026-11-24T22:00:00'));
    expect(p.prev_days).toEqual(['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24']);
    expect(p.cur_days).toEqual(['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01']);
    // 11-17 22–24 (2 hours of the previous window), 11-24 22–24 (moved to the current one), 12-01 22–24 (outside).
    expect(p.hours).toEqual([
      '2026-11-17 22:00:00',
      '2026-11-17 23:00:00',
      '2026-11-24 22:00:00',
      '2026-11-24 23:00:00',
      '2026-12-01 22:00:00',
      '2026-12-01 23:00:00',
    ]);
  });

  it('reads hours only when no day is worth reading whole', () => {
    expect(cohortPlan(w('2026-11-05T13:00:00', '2026-11-05T17:00:00'), null)).toEqual({
      cur_days: [],
      prev_days: [],
      hours: ['2026-11-05 13:00:00', '2026-11-05 14:00:00', '2026-11-05 15:00:00', '2026-11-05 16:00:00'],
    });
    expect(cohortPlan(w('2026-11-05T00:00:00', '2026-11-05T00:00:00'), null)).toEqual({ cur_days: [], prev_days: [], hours: [] });
  });
});
