import { describe, expect, it } from 'vitest';
import { hasFactSlivers, rangeParams } from './logistics-levels.ts';

const d = (s: string) => new Date(`${s}Z`);
const recent = d('2026-11-01T00:00:00');

describe('rangeParams', () => {
  it('hour rows inside, minute rows around them, fact slivers at the ends', () => {
    expect(rangeParams(d('2026-11-10T08:20:30.001'), d('2026-11-10T11:05:10.999'), recent, 'dc')).toEqual({
      dc_h0: '2026-11-10 09:00:00',
      dc_h1: '2026-11-10 11:00:00',
      dc_m0: '2026-11-10 08:21:00',
      dc_m1: '2026-11-10 09:00:00',
      dc_m2: '2026-11-10 11:00:00',
      dc_m3: '2026-11-10 11:05:00',
      dc_f0: '2026-11-10 08:20:30.001',
      dc_f1: '2026-11-10 08:21:00.000',
      dc_f2: '2026-11-10 11:05:00.000',
      dc_f3: '2026-11-10 11:05:10.999',
    });
  });

  it('empty fact slivers on whole minutes; the facts, not minute rows, before minutesFrom', () => {
    const whole = rangeParams(d('2026-11-10T08:20:00'), d('2026-11-10T11:05:00'), recent, 'op');
    expect([whole.op_f0, whole.op_f1, whole.op_f2, whole.op_f3]).toEqual([
      '2026-11-10 08:20:00.000',
      '2026-11-10 08:20:00.000',
      '2026-11-10 11:05:00.000',
      '2026-11-10 11:05:00.000',
    ]);
    const old = rangeParams(d('2026-10-10T08:20:00'), d('2026-11-10T11:05:00'), recent, 'op');
    expect([old.op_f0, old.op_f1, old.op_m0, old.op_m1, old.op_h0]).toEqual([
      '2026-10-10 08:20:00.000',
      '2026-10-10 09:00:00.000',
      '2026-10-10 09:00:00',
      '2026-10-10 09:00:00',
      '2026-10-10 09:00:00',
    ]);
  });
});

describe('hasFactSlivers', () => {
  it('only when a sliver is not empty', () => {
    const p = { ...rangeParams(d('2026-11-10T08:20:00'), d('2026-11-10T11:05:00'), recent, 'dc'), ...rangeParams(d('2026-11-10T12:00:00'), d('2026-11-10T11:00:00.5'), recent, 'op') };
    expect(hasFactSlivers(p, ['dc', 'op'])).toBe(false);
    expect(hasFactSlivers({ ...p, ...rangeParams(d('2026-11-10T08:20:00'), d('2026-11-10T11:05:00.001'), recent, 'dc') }, ['dc', 'op'])).toBe(true);
    expect(hasFactSlivers({ ...p, ...rangeParams(d('2026-11-10T08:19:59.999'), d('2026-11-10T11:05:00'), recent, 'dc') }, ['dc', 'op'])).toBe(true);
  });
});

