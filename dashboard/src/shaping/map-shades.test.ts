import { describe, expect, it } from 'vitest';
import { NO_DATA, SHADES, levelOf, nationalMark, provinceShades, ratioLevel } from './map-shades.ts';
import type { RegionBar } from './regions.ts';

const bar = (code: string, due: number, delayed: number, stalled = 0, overdue = 0): RegionBar =>
  ({ code, name: code, due, delayed, rate: due > 0 ? delayed / due : null, stalled, overdue, vsNational: null, flagged: false }) as RegionBar;

describe('province map shades', () => {
  it('the worst province is the darkest, nothing due is grey, the scale runs from 0', () => {
    const { shades, max } = provinceShades([bar('330000', 100, 60), bar('110000', 100, 10), bar('540000', 0, 0), bar('440000', 100, 0)], 'delay_rate');
    expect(max).toBeCloseTo(0.6);
    expect(shades.get('330000')).toMatchObject({ level: SHADES.length - 1, fill: SHADES[SHADES.length - 1] });
    expect(shades.get('110000')!.level).toBe(0);
    expect(shades.get('440000')).toMatchObject({ value: 0, level: 0, fill: SHADES[0] });
    expect(shades.get('540000')).toMatchObject({ value: null, level: -1, fill: NO_DATA });
  });

  it('with a national rate, the delay rate is stepped by its ratio to it, the rule\'s 2× a step edge', () => {
    expect([0.05, 0.1, 0.124, 0.126, 0.2, 0.29, 0.301, 0.9].map((v) => ratioLevel(v, 0.1))).toEqual([0, 1, 1, 2, 3, 3, 4, 4]);
    const { shades, byRatio } = provinceShades([bar('630000', 90, 81), bar('110000', 100, 10), bar('540000', 0, 0)], 'delay_rate', 0.1);
    expect(byRatio).toBe(true);
    expect(shades.get('630000')!.level).toBe(SHADES.length - 1);
    expect(shades.get('110000')!.level).toBe(1);
    expect(shades.get('540000')!.level).toBe(-1);
    expect(nationalMark({ due: 1, delayed: 0, delay_rate: 0.1, stalled: 0, pickup_overdue: 0 }, 'delay_rate', 0.9, true).at).toBeCloseTo(0.3);
  });

  it('counts are shaded by the chosen count', () => {
    const { shades } = provinceShades([bar('330000', 100, 60, 1, 9), bar('110000', 100, 10, 8, 0)], 'stalled');
    expect(shades.get('110000')!.level).toBe(SHADES.length - 1);
    expect(provinceShades([bar('330000', 100, 60, 1, 9), bar('110000', 100, 10, 8, 0)], 'pickup_overdue').shades.get('330000')!.level).toBe(SHADES.length - 1);
  });

  it('steps are even fractions of the maximum, and all zero is the lightest', () => {
    expect([0, 0.19, 0.2, 0.59, 0.99, 1].map((v) => levelOf(v, 1))).toEqual([0, 0, 1, 2, 4, 4]);
    expect(levelOf(0, 0)).toBe(0);
  });

  it('puts the national rate on the scale; a national count is not on the per-province scale', () => {
    const n = { due: 1000, delayed: 100, delay_rate: 0.1, stalled: 12, pickup_overdue: 3 };
    expect(nationalMark(n, 'delay_rate', 0.4)).toEqual({ value: 0.1, at: 0.25 });
    expect(nationalMark(n, 'stalled', 8)).toEqual({ value: 12, at: null });
  });
});
