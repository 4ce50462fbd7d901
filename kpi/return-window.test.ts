import { describe, expect, it } from 'vitest';
import { loadSql } from '../warehouse/sql-files.ts';

/** The outermost SELECT list and the ORDER BY / LIMIT of a return-rate read. */
function outerParts(sql: string): { select: string; order: string } {
  const start = sql.search(/^SELECT$/m);
  const from = sql.indexOf('\nFROM\n(', start);
  const order = sql.lastIndexOf(')\nORDER BY');
  expect(start).toBeGreaterThanOrEqual(0);
  expect(from).toBeGreaterThan(start);
  expect(order).toBeGreaterThan(from);
  return { select: sql.slice(start, from), order: sql.slice(order) };
}

describe('sql/kpi/return_rates_window.sql', () => {
  // The precomputed path must answer exactly as the rollup path: the columns, their arithmetic
  // and the sort stay the same text in both files.
  it('keeps the SELECT list and the ORDER BY of sql/kpi/return_rates.sql, to the character', () => {
    expect(outerParts(loadSql('kpi/return_rates_window'))).toEqual(outerParts(loadSql('kpi/return_rates')));
  });
});
