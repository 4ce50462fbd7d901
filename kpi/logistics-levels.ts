import { ceilHour, floorHour, toChHour, toChTime } from './time.ts';

/**
 * Reading shipment_level_rollup (migration 0011; the level comes from finestLevel): how a time
 * range splits into whole hours (from the rollup) and the partial hours at its ends (from the
 * facts).
 */

/** [lo, hi) as whole hours [hoursFrom, hoursTo) plus the raw parts [lo, headTo) and [tailFrom, hi). */
export interface HourSplit {
  hoursFrom: Date;
  hoursTo: Date;
  headTo: Date;
  tailFrom: Date;
}

export function splitHours(lo: Date, hi: Date): HourSplit {
  const a = ceilHour(lo);
  const b = floorHour(hi);
  // No whole hour inside (a range shorter than two hours, or empty): all of it is raw.
  if (a.getTime() >= b.getTime()) return { hoursFrom: a, hoursTo: a, headTo: hi, tailFrom: hi };
  return { hoursFrom: a, hoursTo: b, headTo: a, tailFrom: b };
}

/** The parameters of one range in sql/kpi/logistics_national_levels.sql: hour bounds and two raw ranges. */
export function rangeParams(lo: Date, hi: Date, hours: string, head: string, tail: string): Record<string, string> {
  const s = splitHours(lo, hi);
  return {
    [`${hours}_lo`]: toChHour(s.hoursFrom),
    [`${hours}_hi`]: toChHour(s.hoursTo),
    [`${head}_lo`]: toChTime(lo),
    [`${head}_hi`]: toChTime(s.headTo),
    [`${tail}_lo`]: toChTime(s.tailFrom),
    [`${tail}_hi`]: toChTime(hi),
  };
}
