import type { TrendPoint } from '../api/types.ts';

/**
 * A trend with its previous period overlaid: the previous window's buckets are lined up with
 * the current ones by position (bucket 1 beside bucket 1), so "this hour vs the same hour of
 * the previous period" reads off one x-axis.
 */

export interface OverlayRow {
  /** Current bucket start, ms since epoch. */
  t: number;
  current: number | null;
  previous: number | null;
  /** The previous period's bucket start, for the tooltip. */
  previousT: number | null;
}

export function overlay(current: TrendPoint[], previous: TrendPoint[] | undefined): OverlayRow[] {
  const prev = previous ?? [];
  // Both windows have the same length, but their first buckets may be cut differently at the
  // edges; align the ends, where the freshest data is.
  const shift = prev.length - current.length;
  return current.map((p, i) => {
    const q = prev[i + shift];
    return {
      t: Date.parse(p.bucket),
      current: p.value,
      previous: q ? q.value : null,
      previousT: q ? Date.parse(q.bucket) : null,
    };
  });
}

/** The sum (counts) or the pooled ratio (ratios with numerator/denominator) over the points. */
export function total(points: TrendPoint[], unit: 'count' | 'ratio' | 'other'): number | null {
  if (points.length === 0) return null;
  if (unit === 'count') return points.reduce((s, p) => s + (p.value ?? 0), 0);
  if (unit === 'ratio') {
    let n = 0;
    let d = 0;
    for (const p of points) {
      n += p.numerator ?? 0;
      d += p.denominator ?? 0;
    }
    return d > 0 ? n / d : null;
  }
  return null;
}

/** Whether a series has anything to draw. */
export function hasValues(rows: OverlayRow[]): boolean {
  return rows.some((r) => r.current !== null && r.current !== 0) || rows.some((r) => r.previous !== null && r.previous !== 0);
}

/** The unit of a trend metric, for the axis. */
export function metricUnit(metric: string): 'count' | 'ratio' | 'seconds' | 'score' {
  if (metric === 'refund_requests' || metric === 'stalled_shipments' || metric === 'pickup_overdue') return 'count';
  if (metric.endsWith('_s')) return 'seconds';
  if (metric === 'csat_mean') return 'score';
  return 'ratio';
}
