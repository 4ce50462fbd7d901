import { splitRange } from './level-split.ts';
import { toChHour, toChTime } from './time.ts';

/**
 * The parameters of one time range [lo, hi) in sql/kpi/logistics_national_levels*.sql, split by
 * splitRange (kpi/level-split.ts): facts [lo, a) · minute rows [a, b) · hour rows [b, c) ·
 * minute rows [c, d) · facts [d, hi), minute rows only from `minutesFrom` on. Named
 * `${name}_h0`, `_h1` (hour rows), `_m0`…`_m3` (the two minute runs, DateTime('UTC') like the
 * hours: both are rollup buckets) and `_f0`…`_f3` (the two fact slivers, DateTime64).
 */
export function rangeParams(lo: Date, hi: Date, minutesFrom: Date, name: string): Record<string, string> {
  const { a, b, c, d } = splitRange(lo, hi, minutesFrom);
  return {
    [`${name}_h0`]: toChHour(b),
    [`${name}_h1`]: toChHour(c),
    [`${name}_m0`]: toChHour(a),
    [`${name}_m1`]: toChHour(b),
    [`${name}_m2`]: toChHour(c),
    [`${name}_m3`]: toChHour(d),
    [`${name}_f0`]: toChTime(lo),
    [`${name}_f1`]: toChTime(a),
    [`${name}_f2`]: toChTime(d),
    [`${name}_f3`]: toChTime(hi),
  };
}

/** Whether a fact sliver of these ranges (rangeParams) is not empty: the read needs the facts part. */
export function hasFactSlivers(p: Record<string, string>, names: readonly string[]): boolean {
  // Same format, so string order is time order; [f2, f3) may run backwards when the range is empty.
  return names.some((n) => p[`${n}_f0`]! < p[`${n}_f1`]! || p[`${n}_f2`]! < p[`${n}_f3`]!);
}
