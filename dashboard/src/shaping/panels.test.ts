import { describe, expect, it } from 'vitest';
import type { FromAnyServer, RegionRow, StagesAnswer } from '../api/types.ts';
import { groupShares, reasonBars } from './reasons.ts';
import { chartRegions, regionBars } from './regions.ts';
import { matchesText, skuViews } from './skus.ts';
import { hasStageData, stageBars } from './stages.ts';

const stage = (s: StagesAnswer['stages'][number]['stage'], p90: number | null, completed = 1) => ({
  stage: s,
  completed,
  mean_s: null,
  p50_s: p90 === null ? null : p90 / 2,
  p90_s: p90,
  max_s: null,
  waiting: 2,
  oldest_wait_s: null,
  waiting_over_sla: 0,
});

describe('stage funnel', () => {
  it('marks the bottleneck the API names and sizes stages by their share of p90 time', () => {
    const a: StagesAnswer = {
      window: { from: '', to: '' },
      bottleneck: 'transit',
      sla_s: 172_800,
      as_of: '',
      stages: [stage('decision', 3600), stage('ship_back', 7200), stage('transit', 21_600), stage('money_back', null, 0)],
    };
    const bars = stageBars(a);
    expect(bars.filter((b) => b.bottleneck).map((b) => b.stage)).toEqual(['transit']);
    expect(bars[2]!.p90_h).toBe(6);
    expect(bars[2]!.shareOfP90).toBeCloseTo(21_600 / 32_400);
    expect(bars[3]!.p90_h).toBeNull();
    expect(hasStageData(a)).toBe(true);
  });
});

describe('reason mix', () => {
  it('sorts reasons by count and sums the 无理由 / 品质 shares', () => {
    const rows = [
      { key: '', reason_code: 'quality', reason_group: 'quality' as const, count: 10, share: 0.25 },
      { key: '', reason_code: 'size_fit', reason_group: 'other' as const, count: 20, share: 0.5 },
      { key: '', reason_code: 'dislike', reason_group: 'no_reason' as const, count: 10, share: 0.25 },
    ];
    expect(reasonBars(rows).map((b) => b.code)).toEqual(['size_fit', 'dislike', 'quality']);
    expect(groupShares(rows)).toEqual({ no_reason: 0.25, quality: 0.25, other: 0.5 });
    expect(groupShares([])).toEqual({ no_reason: 0, quality: 0, other: 0 });
  });
});

describe('regions against the national rate', () => {
  const row = (code: string, rate: number | null, due: number, vs: number | null): FromAnyServer<RegionRow> => ({
    region_code: code,
    region_name: code,
    due,
    delayed: rate === null ? 0 : Math.round(rate * due),
    delay_rate: rate,
    stalled: 0,
    pickup_overdue: 0,
    vs_national: vs,
  });
  // 120 + 5 + 30 late of 200 + 10 + 300 due, plus 9 490 due elsewhere at 5 % late.
  const national = { due: 10_000, delayed: 630, delay_rate: 0.063, stalled: 0, pickup_overdue: 0 };

  it('without a verdict from the API: high only by the rule test, with enough shipments due', () => {
    const bars = regionBars([row('510000', 0.6, 200, 6), row('460000', 0.5, 10, 5), row('110000', 0.1, 300, 1)], national);
    expect(bars.map((b) => b.flagged)).toEqual([true, false, false]);
    expect(bars.map((b) => b.verdict.level)).toEqual(['high', 'too_few', 'normal']);
    // Against the rest of the country (the region left out), as the rule compares.
    expect(bars[0]!.verdict.baseline).toBeCloseTo((630 - 120) / (10_000 - 200));
  });

  it("shows the API's verdict when it sends one", () => {
    const verdict = { level: 'normal' as const, rate: 0.6, baseline: 0.05, ratio: 12, n: 200, k: 120, p_value: 0.2, ci_low: 0.5, ci_high: 0.7, min_n: 50, alpha: 0.01, threshold_ratio: 2, null_rate: 0.1, missed: ['not_significant' as const] };
    const [bar] = regionBars([{ ...row('510000', 0.6, 200, 6), verdict }], national);
    expect(bar!.flagged).toBe(false);
    expect(bar!.verdict).toBe(verdict);
  });

  it('computes vs-national when the API leaves it out, and charts the worst regions with data', () => {
    const bars = regionBars([row('a', 0.3, 60, null), row('b', null, 0, null), row('c', 0.05, 60, null)], { ...national, delay_rate: 0.1 });
    expect(bars[0]!.vsNational).toBeCloseTo(3);
    expect(chartRegions(bars, 1).map((b) => b.code)).toEqual(['a']);
  });
});

describe('SKUs against the category baseline', () => {
  const r = (key: string, orders: number, rate: number | null, baseline: number | null) => ({
    key,
    category: '美妆',
    orders,
    refunded_orders: rate === null ? 0 : Math.round(rate * orders),
    quality_refunded_orders: 0,
    return_rate: rate,
    quality_return_rate: 0,
    baseline_return_rate: baseline,
    baseline_quality_return_rate: 0,
  });

  it('without a verdict from the API: high only when the rule test says so, too few below 30 orders', () => {
    const v = skuViews([r('A', 100, 0.4, 0.1), r('B', 10, 0.5, 0.1), r('C', 100, 0.12, 0.1), r('D', 100, 0.2, null), r('E', 40, 0.2, 0.1)]);
    expect(v.map((x) => x.verdict.level)).toEqual(['high', 'too_few', 'normal', 'too_few', 'normal']);
    expect(v.map((x) => x.flagged)).toEqual([true, false, false, false, false]);
    expect(v[1]!.tooFew).toBe(true);
    expect(v[0]!.vsBaseline).toBeCloseTo(4);
    expect(v[3]!.vsBaseline).toBeNull();
  });

  it('does not mark a SKU with 2 refunds of 49 orders as high (4.9× its baseline, p ≈ 0.12)', () => {
    const baseline = 2 / 49 / 4.9;
    const [sku] = skuViews([{ ...r('SKU2OF49', 49, null, baseline), refunded_orders: 2, return_rate: 2 / 49 }]);
    expect(sku!.vsBaseline).toBeCloseTo(4.9);
    expect(sku!.flagged).toBe(false);
    expect(sku!.verdict.level).toBe('normal');
    expect(sku!.verdict.p_value!).toBeGreaterThan(0.1);
    expect(sku!.verdict.ci_low).toBeLessThan(baseline * 1.5);
    // 20 of 49 at the same baseline is high.
    expect(skuViews([{ ...r('SKU20OF49', 49, null, baseline), refunded_orders: 20, return_rate: 20 / 49 }])[0]!.flagged).toBe(true);
  });

  it('never shows a row under its minimum as high, even when a verdict says so', () => {
    const verdict = { level: 'high' as const, rate: 1, baseline: 0.1, ratio: 10, n: 3, k: 3, p_value: 0.001, ci_low: 0.4, ci_high: 1, min_n: 30, alpha: 0.01, threshold_ratio: 1.5, null_rate: 0.15, missed: [] };
    const [sku] = skuViews([{ ...r('X', 3, 1, 0.1), verdict }]);
    expect(sku!.flagged).toBe(false);
    expect(sku!.tooFew).toBe(true);
  });

  it('filters on id or category, case-insensitively', () => {
    expect(matchesText({ key: 'SKU00084', category: '数码' }, 'sku000')).toBe(true);
    expect(matchesText({ key: 'SKU00084', category: '数码' }, '数码')).toBe(true);
    expect(matchesText({ key: 'SKU00084', category: '数码' }, 'x')).toBe(false);
  });
});
