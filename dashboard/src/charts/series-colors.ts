import { COLORS } from './chart-format.ts';

/**
 * The colours of the bar charts whose bars are coloured per row (a flagged SKU red, the
 * bottleneck stage red), and the legend entries that go with them: one function decides both,
 * so a legend cannot show a colour the bars do not use, or miss one they do (issue #17: the SKU
 * chart's legend said blue for bars drawn red).
 */
export interface LegendEntry {
  key: string;
  color: string;
  /** i18n key of the entry's label. */
  label: string;
}

export const baselineFill = (flagged: boolean) => (flagged ? COLORS.bad : COLORS.current);

export function baselineLegend(rows: readonly { flagged: boolean }[]): LegendEntry[] {
  const out: LegendEntry[] = [];
  if (rows.some((r) => !r.flagged)) out.push({ key: 'rate', color: baselineFill(false), label: 'skus.returnRate' });
  if (rows.some((r) => r.flagged)) out.push({ key: 'flagged', color: baselineFill(true), label: 'chartLegend.flaggedRate' });
  out.push({ key: 'baseline', color: COLORS.baseline, label: 'skus.baseline' });
  return out;
}

export const STAGE_P50 = '#93c5fd';
export const STAGE_P50_BOTTLENECK = '#fca5a5';
export const stageFill = (series: 'p50' | 'p90', bottleneck: boolean) =>
  series === 'p50' ? (bottleneck ? STAGE_P50_BOTTLENECK : STAGE_P50) : bottleneck ? COLORS.bad : COLORS.current;

export function stageLegend(bars: readonly { bottleneck: boolean }[]): LegendEntry[] {
  const out: LegendEntry[] = [
    { key: 'p50', color: stageFill('p50', false), label: 'chartLegend.p50' },
    { key: 'p90', color: stageFill('p90', false), label: 'chartLegend.p90' },
  ];
  if (bars.some((b) => b.bottleneck)) {
    out.push({ key: 'p50b', color: stageFill('p50', true), label: 'chartLegend.p50Bottleneck' });
    out.push({ key: 'p90b', color: stageFill('p90', true), label: 'chartLegend.p90Bottleneck' });
  }
  return out;
}
