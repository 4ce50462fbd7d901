import type { FromAnyServer, LogisticsFigures, RateVerdict, RegionRow } from '../api/types.ts';
import { DELAY_RULE, fallbackVerdict, rowVerdict } from './verdict.ts';

/**
 * Regions against the national delay rate. Whether a region is high is the API's verdict — the
 * regional-delay rule's test (shaping/verdict.ts); without one, the same test here against the
 * rest of the country (the region left out, as the rule does).
 */
export const DELAY_FACTOR = DELAY_RULE.ratio;
export const MIN_DUE = DELAY_RULE.minN;

export interface RegionBar {
  code: string;
  name: string;
  rate: number | null;
  due: number;
  delayed: number;
  stalled: number;
  overdue: number;
  vsNational: number | null;
  verdict: RateVerdict;
  /** verdict.level === 'high'. */
  flagged: boolean;
  /** verdict.level === 'too_few': too few shipments due to tell. */
  tooFew: boolean;
}

export function regionBars(rows: FromAnyServer<RegionRow>[], national: LogisticsFigures): RegionBar[] {
  return rows.map((r) => {
    const vs = r.vs_national ?? (r.delay_rate !== null && national.delay_rate ? r.delay_rate / national.delay_rate : null);
    const restDue = national.due - r.due;
    const rest = restDue > 0 ? Math.max(0, national.delayed - r.delayed) / restDue : null;
    const verdict = rowVerdict(r.verdict, () => fallbackVerdict(r.delayed, r.due, rest, DELAY_RULE));
    return {
      code: r.region_code,
      name: r.region_name,
      rate: r.delay_rate,
      due: r.due,
      delayed: r.delayed,
      stalled: r.stalled,
      overdue: r.pickup_overdue,
      vsNational: vs,
      verdict,
      flagged: verdict.level === 'high',
      tooFew: verdict.level === 'too_few',
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
