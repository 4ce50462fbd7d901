import { describe, expect, it } from 'vitest';
import { splitHours } from './logistics-levels.ts';

const d = (s: string) => new Date(`${s}Z`);

describe('splitHours', () => {
  it('whole hours inside, partial hours at both ends', () => {
    expect(splitHours(d('2026-11-10T08:20:00.001'), d('2026-11-10T11:05:00.999'))).toEqual({
      hoursFrom: d('2026-11-10T09:00:00'),
      hoursTo: d('2026-11-10T11:00:00'),
      headTo: d('2026-11-10T09:00:00'),
      tailFrom: d('2026-11-10T11:00:00'),
    });
  });

  it('all raw when no whole hour fits, and nothing raw on hour edges', () => {
    const lo = d('2026-11-10T08:20:00.001');
    const hi = d('2026-11-10T09:59:59.999');
    expect(splitHours(lo, hi)).toEqual({ hoursFrom: d('2026-11-10T09:00:00'), hoursTo: d('2026-11-10T09:00:00'), headTo: hi, tailFrom: hi });
    const aligned = splitHours(d('2026-11-10T08:00:00'), d('2026-11-10T10:00:00'));
    expect([aligned.headTo, aligned.tailFrom]).toEqual([d('2026-11-10T08:00:00'), d('2026-11-10T10:00:00')]);
    const empty = splitHours(d('2026-11-10T12:30:00'), d('2026-11-10T10:00:00'));
    expect(empty.hoursFrom.getTime()).toBeGreaterThanOrEqual(empty.hoursTo.getTime());
  });
});
