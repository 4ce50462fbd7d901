import { describe, expect, it } from 'vitest';
import { groupTotals, matchedBaseline, stratumMatchedBaselines } from './stratified.ts';

describe('stratum-matched baselines', () => {
  it('compares each stratum of a member with the rest of its group in that stratum', () => {
    // Day 1: the rest returns 10 of 100; day 2 (younger orders): 2 of 100. The SKU sold 10 on
    // day 1 and 30 on day 2, so its expected rate is (10 × 0.1 + 30 × 0.02) ÷ 40 = 0.04, not the
    // unmatched 12 ÷ 200 = 0.06.
    const [sku] = stratumMatchedBaselines([
      { member: 'S', group: 'C', stratum: 'd1', n: 10, k: 3 },
      { member: 'S', group: 'C', stratum: 'd2', n: 30, k: 1 },
      { member: 'R', group: 'C', stratum: 'd1', n: 100, k: 10 },
      { member: 'R', group: 'C', stratum: 'd2', n: 100, k: 2 },
    ]).filter((m) => m.member === 'S');
    expect(sku!.baseline).toBeCloseTo(0.04, 10);
    expect([sku!.n, sku!.k, sku!.restN, sku!.restK]).toEqual([40, 4, 200, 12]);
  });

  it('falls back to the rest of the group for a stratum only the member has', () => {
    const [m] = stratumMatchedBaselines([
      { member: 'S', group: 'C', stratum: 'd1', n: 10, k: 1 },
      { member: 'R', group: 'C', stratum: 'd2', n: 50, k: 5 },
    ]);
    expect(m!.baseline).toBeCloseTo(0.1, 10);
  });

  it('has no baseline when the member is alone in its group', () => {
    const [m] = stratumMatchedBaselines([{ member: 'S', group: 'C', stratum: 'd1', n: 10, k: 1 }]);
    expect(m!.baseline).toBeNull();
  });

  it('matches a member spanning two groups within each, weighting by its own mix', () => {
    const totals = groupTotals([
      { group: 'A', stratum: 'd1', n: 110, k: 11 }, // rest of A: 10 / 100
      { group: 'B', stratum: 'd1', n: 220, k: 6 }, // rest of B: 4 / 200
    ]);
    const host = matchedBaseline('H', [
      { group: 'A', stratum: 'd1', n: 10, k: 1 },
      { group: 'B', stratum: 'd1', n: 20, k: 2 },
    ], totals);
    expect(host.baseline).toBeCloseTo((10 * 0.1 + 20 * 0.02) / 30, 10);
    expect(host.group).toBe('B');
    expect([host.restN, host.restK]).toEqual([300, 14]);
  });
});
