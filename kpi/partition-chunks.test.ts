import { describe, expect, it } from 'vitest';
import { ALL_PARTITIONS, partitionRanges } from './partition-chunks.ts';

describe('partitionRanges', () => {
  const days = [20250101, 20250102, 20250215, 20250301, 20250302, 20250303, 20250410];

  it('is one range over everything when the partitions fit (or there is no limit)', () => {
    expect(partitionRanges(days, 'day', 7)).toEqual([ALL_PARTITIONS]);
    expect(partitionRanges(days, 'day', 0)).toEqual([ALL_PARTITIONS]);
    expect(partitionRanges([], 'day', 3)).toEqual([ALL_PARTITIONS]);
  });

  it('cuts every `limit` partitions, covering the whole calendar without gaps', () => {
    const ranges = partitionRanges(days, 'day', 3);
    expect(ranges).toEqual([
      { part_lo: 0, part_hi: 20250301 },
      { part_lo: 20250301, part_hi: 20250410 },
      { part_lo: 20250410, part_hi: 99_999_999 },
    ]);
    for (const d of days) expect(ranges.filter((r) => d >= r.part_lo && d < r.part_hi)).toHaveLength(1);
    for (const r of ranges) expect(days.filter((d) => d >= r.part_lo && d < r.part_hi).length).toBeLessThanOrEqual(3);
  });

  it('counts months, not days, for a monthly table', () => {
    expect(partitionRanges(days, 'month', 4)).toEqual([ALL_PARTITIONS]);
    expect(partitionRanges([...days].reverse(), 'month', 2)).toEqual([
      { part_lo: 0, part_hi: 20250301 },
      { part_lo: 20250301, part_hi: 99_999_999 },
    ]);
  });
});
