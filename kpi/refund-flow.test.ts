import { describe, expect, it } from 'vitest';
import { hasFactRanges, summaryPlan } from './refund-flow.ts';
import { loadSql } from '../warehouse/sql-files.ts';

const d = (s: string) => new Date(`${s}Z`);
const NOW = d('2026-12-02T00:47:00');
/** The plan's ranges as [from, to] pairs, empty ones left out. */
function ranges(plan: Record<string, string>, prefix: string, n: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < n; i++) {
    const [a, b] = [plan[`${prefix}${i}_from`]!, plan[`${prefix}${i}_to`]!];
    if (a < b) out.push([a, b]);
  }
  return out;
}

describe('summaryPlan', () => {
  it("the overview's 24 h + 24 h on whole minutes: hour rows, minute rows, no facts", () => {
    const plan = summaryPlan(d('2026-11-30T00:47:00'), d('2026-12-01T00:47:00'), NOW, NOW);
    expect([plan.p0, plan.p1, plan.c0, plan.c1]).toEqual([
      '2026-11-30 01:00:00',
      '2026-12-01 00:00:00',
      '2026-12-01 01:00:00',
      '2026-12-02 00:00:00',
    ]);
    // The previous window's tail and the current one's head meet at `from`: one range.
    expect(ranges(plan, 'm', 4)).toEqual([
      ['2026-11-30 00:47:00', '2026-11-30 01:00:00'],
      ['2026-12-01 00:00:00', '2026-12-01 01:00:00'],
      ['2026-12-02 00:00:00', '2026-12-02 00:47:00'],
    ]);
    expect(ranges(plan, 'e', 3)).toEqual([]);
    expect(hasFactRanges(plan)).toBe(false);
  });

  it('an end with seconds: the partial hours from the facts, to the millisecond, no minute rows', () => {
    const plan = summaryPlan(d('2026-11-30T00:47:31.517'), d('2026-12-01T00:47:31.517'), d('2026-12-02T00:47:31.517'), NOW);
    expect(ranges(plan, 'm', 4)).toEqual([]);
    expect(ranges(plan, 'e', 3)).toEqual([
      ['2026-11-30 00:47:31.517', '2026-11-30 01:00:00.000'],
      ['2026-12-01 00:00:00.000', '2026-12-01 01:00:00.000'],
      ['2026-12-02 00:00:00.000', '2026-12-02 00:47:31.517'],
    ]);
    expect(hasFactRanges(plan)).toBe(true);
    // One end with seconds is enough.
    const one = summaryPlan(d('2026-11-30T00:47:00'), d('2026-12-01T00:47:00'), d('2026-12-02T00:47:00.001'), NOW);
    expect(ranges(one, 'm', 4)).toEqual([]);
  });

  it('no minute rows before their read retention (3 days before now): the facts instead', () => {
    const plan = summaryPlan(d('2026-11-20T00:47:00'), d('2026-11-21T00:47:00'), d('2026-11-22T00:47:00'), NOW);
    expect(ranges(plan, 'm', 4)).toEqual([]);
    expect(ranges(plan, 'e', 3)).toEqual([
      ['2026-11-20 00:47:00.000', '2026-11-20 01:00:00.000'],
      ['2026-11-21 00:00:00.000', '2026-11-21 01:00:00.000'],
      ['2026-11-22 00:00:00.000', '2026-11-22 00:47:00.000'],
    ]);
    // The retention starts inside the previous window: its head from the facts, the rest minutes.
    const mixed = summaryPlan(d('2026-11-28T23:30:00'), d('2026-11-29T01:10:00'), d('2026-11-29T02:20:00'), NOW);
    expect(ranges(mixed, 'e', 3)).toEqual([['2026-11-28 23:30:00.000', '2026-11-29 00:00:00.000']]);
    expect([mixed.p0, mixed.p1]).toEqual(['2026-11-29 00:00:00', '2026-11-29 01:00:00']);
    // The previous window's tail [01:00, 01:10) and the current window, no whole hour: minutes.
    expect(ranges(mixed, 'm', 4)).toEqual([['2026-11-29 01:00:00', '2026-11-29 02:20:00']]);
  });

  it('one window, no previous: nothing planned before `from`', () => {
    const plan = summaryPlan(d('2026-12-01T10:20:00'), d('2026-12-01T10:20:00'), d('2026-12-01T12:50:00'), NOW);
    expect([plan.p0 === plan.p1, plan.c0, plan.c1]).toEqual([true, '2026-12-01 11:00:00', '2026-12-01 12:00:00']);
    expect(ranges(plan, 'm', 4)).toEqual([
      ['2026-12-01 10:20:00', '2026-12-01 11:00:00'],
      ['2026-12-01 12:00:00', '2026-12-01 12:50:00'],
    ]);
    expect(ranges(plan, 'e', 3)).toEqual([]);
  });
});

describe('refund_summary_rollup.sql', () => {
  it('is refund_summary_levels.sql without its facts part, to the character (the two must not drift)', () => {
    const code = (name: string) =>
      loadSql(name)
        .split('\n')
        .filter((line) => !line.trimStart().startsWith('--'))
        .join('\n');
    const levels = code('kpi/refund_summary_levels');
    const facts = levels.slice(levels.indexOf('\n    UNION ALL\n'), levels.indexOf('\n)\nGROUP BY is_current'));
    expect(facts).toContain('FROM refund_facts FINAL');
    expect(code('kpi/refund_summary_rollup')).toBe(levels.replace(facts, ''));
  });
});
