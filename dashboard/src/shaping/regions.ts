import type { LogisticsFigures, RegionRow } from '../api/types.ts';

/**
 * Regions against the national delay rate. A region is flagged the way the regional-delay
 * rule sees it (DESIGN §5 defaults): over 2 × the national rate with at least 50 shipments due.
 */
export const DELAY_FACTOR = 2;
export const MIN_DUE = 50;

export interface RegionBar {
  code: string;
  name: string;
  rate: number | null;
  due: number;
  delayed: number;
  stalled: number;
  overdue: number;
  vsNational: number | null;
  flagged: boolean;
}

export function regionBars(rows: RegionRow[], national: LogisticsFigures): RegionBar[] {
  return rows.map((r) => {
    const vs = r.vs_national ?? (r.delay_rate !== null && national.delay_rate ? r.delay_rate / national.delay_rate : null);
    return {
      code: r.region_code,
      name: r.region_name,
      rate: r.delay_rate,
      due: r.due,
      delayed: r.delayed,
      stalled: r.stalled,
      overdue: r.pickup_overdue,
      vsNational: vs,
      flagged: vs !== null && vs > DELAY_FACTOR && r.due >= MIN_DUE,
    };
  });
}

/** Regions for the chart: the ones with shipments due, worst first, at most `max`. */
export function chartRegions(bars: RegionBar[], max = 15): RegionBar[] {
  return bars
    .filter((b) => b.due > 0 && b.rate !== null)
    .sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0))
    .slice(0, max);
}
