import { describe, expect, it } from 'vitest';
import type { RegionRow, StagesAnswer } from '../api/types.ts';
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
  const row = (code: string, rate: number | null, due: number, vs: number | null): RegionRow => ({
    region_code: code,
    region_name: code,
    due,
    delayed: 0,
    delay_rate: rate,
    stalled: 0,
    pickup_overdue: 0,
    vs_national: vs,
  });
  const national = { due: 1000, delayed: 100, delay_rate: 0.1, stalled: 0, pickup_overdue: 0 };

  it('flags a region over 2× the national rate only with enough shipments due', () => {
    const bars = regionBars([row('510000', 0.6, 200, 6), row('460000', 0.5, 10, 5), row('110000', 0.1, 300, 1)], national);
    expect(bars.map((b) => b.flagged)).toEqual([true, false, false]);
  });

  it('computes vs-national when the API leaves it out, and charts the worst regions with data', () => {
    const bars = regionBars([row('a', 0.3, 60, null), row('b', null, 0, null), row('c', 0.05, 60, null)], national);
    expect(bars[0]!.vsNational).toBeCloseTo(3);
    expect(chartRegions(bars, 1).map((b) => b.code)).toEqual(['a']);
  });
});

describe('SKUs against the category baseline', () => {
  const r = (key: string, orders: number, rate: number | null, baseline: number | null) => ({
    key,
    category: '美妆',
    orders,
    refunded_orders: 0,
    quality_refunded_orders: 0,
    return_rate: rate,
    quality_return_rate: 0,
    baseline_return_rate: baseline,
    baseline_quality_return_rate: 0,
  });

  it('flags SKUs over 1.5× the baseline with at least 30 orders', () => {
    const v = skuViews([r('A', 40, 0.2, 0.1), r('B', 10, 0.5, 0.1), r('C', 100, 0.12, 0.1), r('D', 100, 0.2, null)]);
    expect(v.map((x) => x.flagged)).toEqual([true, false, false, false]);
    expect(v[0]!.vsBaseline).toBeCloseTo(2);
    expect(v[3]!.vsBaseline).toBeNull();
  });

  it('filters on id or category, case-insensitively', () => {
    expect(matchesText({ key: 'SKU00084', category: '数码' }, 'sku000')).toBe(true);
    expect(matchesText({ key: 'SKU00084', category: '数码' }, '数码')).toBe(true);
    expect(matchesText({ key: 'SKU00084', category: '数码' }, 'x')).toBe(false);
  });
});
