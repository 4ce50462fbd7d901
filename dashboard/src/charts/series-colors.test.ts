import { describe, expect, it } from 'vitest';
import { baselineFill, baselineLegend, stageFill, stageLegend } from './series-colors.ts';
import { COLORS } from './chart-format.ts';

/** Every colour a bar is drawn in has its legend entry, and the legend shows no colour unused. */
describe('chart legends match the bars', () => {
  it('SKU chart: flagged bars are red and the legend has a red entry only when one is drawn', () => {
    const rows = [{ flagged: true }, { flagged: false }];
    const drawn = new Set([...rows.map((r) => baselineFill(r.flagged)), COLORS.baseline]);
    expect(new Set(baselineLegend(rows).map((e) => e.color))).toEqual(drawn);
    const onlyFlagged = [{ flagged: true }];
    expect(new Set(baselineLegend(onlyFlagged).map((e) => e.color))).toEqual(new Set([baselineFill(true), COLORS.baseline]));
    expect(baselineFill(true)).not.toBe(baselineFill(false));
  });

  it('stage chart: the bottleneck colours appear in the legend when a bottleneck is drawn', () => {
    const bars = [{ bottleneck: false }, { bottleneck: true }];
    const drawn = new Set(bars.flatMap((b) => [stageFill('p50', b.bottleneck), stageFill('p90', b.bottleneck)]));
    expect(new Set(stageLegend(bars).map((e) => e.color))).toEqual(drawn);
    expect(new Set(stageLegend([{ bottleneck: false }]).map((e) => e.color))).toEqual(new Set([stageFill('p50', false), stageFill('p90', false)]));
  });
});
