import { describe, expect, it } from 'vitest';
import { minuteRowsFrom, splitRange, type RangeSplit } from './level-split.ts';

const d = (s: string) => new Date(`${s}Z`);
const iso = (r: RangeSplit) => [r.a, r.b, r.c, r.d].map((x) => x.toISOString().slice(0, 23));
const recent = d('2026-11-01T00:00:00');

describe('splitRange', () => {
  it('facts only for the sub-minute slivers, minutes around the whole hours', () => {
    expect(iso(splitRange(d('2026-11-10T08:20:30.5'), d('2026-11-10T11:05:10'), recent))).toEqual([
      '2026-11-10T08:21:00.000',
      '2026-11-10T09:00:00.000',
      '2026-11-10T11:00:00.000',
      '2026-11-10T11:05:00.000',
    ]);
  });

  it('nothing from the facts when the ends are whole minutes, nothing from minutes on whole hours', () => {
    expect(iso(splitRange(d('2026-11-10T08:20:00'), d('2026-11-10T11:05:00'), recent))).toEqual([
      '2026-11-10T08:20:00.000',
      '2026-11-10T09:00:00.000',
      '2026-11-10T11:00:00.000',
      '2026-11-10T11:05:00.000',
    ]);
    const hours = splitRange(d('2026-11-10T08:00:00'), d('2026-11-10T11:00:00'), recent);
    expect(iso(hours)).toEqual(['2026-11-10T08:00:00.000', '2026-11-10T08:00:00.000', '2026-11-10T11:00:00.000', '2026-11-10T11:00:00.000']);
  });

  it('one run of minutes when no whole hour fits; all facts inside one minute', () => {
    expect(iso(splitRange(d('2026-11-10T08:20:30'), d('2026-11-10T09:40:10'), recent))).toEqual([
      '2026-11-10T08:21:00.000',
      '2026-11-10T09:40:00.000',
      '2026-11-10T09:40:00.000',
      '2026-11-10T09:40:00.000',
    ]);
    const lo = d('2026-11-10T08:20:10');
    expect(splitRange(lo, d('2026-11-10T08:20:50'), recent)).toEqual({ a: lo, b: lo, c: lo, d: lo });
  });

  it('the facts instead of minute rows before minutesFrom', () => {
    const from = d('2026-11-10T10:00:00');
    // Head before minutesFrom: facts up to the first whole hour; tail after it: minutes.
    expect(iso(splitRange(d('2026-11-10T08:20:30'), d('2026-11-10T11:05:10'), from))).toEqual([
      '2026-11-10T09:00:00.000',
      '2026-11-10T09:00:00.000',
      '2026-11-10T11:00:00.000',
      '2026-11-10T11:05:00.000',
    ]);
    const lo = d('2026-11-10T08:20:30');
    expect(splitRange(lo, d('2026-11-10T09:40:10'), from)).toEqual({ a: lo, b: lo, c: lo, d: lo });
    const late = d('2026-11-10T12:00:00');
    expect(iso(splitRange(d('2026-11-10T08:20:30'), d('2026-11-10T11:05:10'), late))).toEqual([
      '2026-11-10T09:00:00.000',
      '2026-11-10T09:00:00.000',
      '2026-11-10T11:00:00.000',
      '2026-11-10T11:00:00.000',
    ]);
  });

  it('pieces are consecutive and cover the range; empty ranges stay empty', () => {
    for (let i = 0; i < 500; i++) {
      const lo = new Date(Date.UTC(2026, 10, 10) + Math.floor(Math.random() * 4 * 3_600_000));
      const hi = new Date(lo.getTime() + Math.floor(Math.random() * 3 * 3_600_000));
      const r = splitRange(lo, hi, d('2026-11-10T01:30:00'));
      const cuts = [lo, r.a, r.b, r.c, r.d, hi].map((x) => x.getTime());
      expect(cuts, `${lo.toISOString()} ${hi.toISOString()}`).toEqual([...cuts].sort((x, y) => x - y));
      // Facts beyond a minute only where minute rows may not be used (before minutesFrom).
      if (lo.getTime() >= d('2026-11-10T01:30:00').getTime() && r.a.getTime() < hi.getTime()) expect(r.a.getTime() - lo.getTime()).toBeLessThan(60_000);
      if (r.d.getTime() > lo.getTime() && r.d.getTime() < hi.getTime()) expect(hi.getTime() - r.d.getTime()).toBeLessThan(60_000);
    }
    const e = splitRange(d('2026-11-10T12:00:00'), d('2026-11-10T10:00:00'), recent);
    expect(e.d).toEqual(d('2026-11-10T12:00:00'));
  });

  it('minuteRowsFrom: three days before the hour of now', () => {
    expect(minuteRowsFrom(d('2026-11-10T08:20:30')).toISOString()).toBe('2026-11-07T08:00:00.000Z');
  });
});
