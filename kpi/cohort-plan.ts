import type { Window } from './filters.ts';
import { DAY_MS, HOUR_MS, ceilHour, floorDay, floorHour, toChHour, toChTime } from './time.ts';

/**
 * Return rates by ORDER-date cohort (DESIGN §4). The rollups are hourly, so a cohort window is
 * whole hours: `from` is floored and `to` raised to the hour, and answers state the window
 * they actually cover.
 */
export function cohortWindow(w: Window): Window {
  return { from: floorHour(w.from), to: ceilHour(w.to) };
}

/** The rolling 7 days of order dates ending at `to` (the default return-rate window). */
export function rolling7Days(to: Date): Window {
  const end = ceilHour(to);
  return { from: new Date(end.getTime() - 7 * DAY_MS), to: end };
}

/**
 * How sql/kpi/return_summary.sql and return_rates.sql read cohort windows (whole hours) from the
 * rollups: days from the daily ones (migration 0008), each counted whole toward one window, and
 * hours from the hourly ones, each added to its own window (if any) and taken out of its day's
 * window (if its day was read whole). Exact because a daily row is the sum of its day's hours,
 * which the refresh job keeps.
 *
 * Why not simply "whole days daily, the rest hourly": a day has about a quarter of the rows of
 * its 24 hours (0008), so a window ending at 22:00 is cheaper read as its whole last day minus
 * 22:00–24:00 than as 22 hours. Each partly covered day is read whichever way reads fewer rows.
 *
 * The return summary's level read (sql/kpi/return_summary_levels.sql, migration 0012) follows the
 * same plan on the day and hour rows of return_levels, where a day and an hour of one level and
 * key are a granule each; the plan keeps the hours few, which is all that matters there.
 */
export interface CohortPlan {
  /** Days ('YYYY-MM-DD', UTC) read whole toward the current window, and toward the previous one. */
  cur_days: string[];
  prev_days: string[];
  /** Hours ('YYYY-MM-DD hh:mm:ss', UTC) read from the hourly rollups. */
  hours: string[];
}

/** A day read whole costs about as much as this many of its hours (rows per day ÷ rows per hour). */
const DAY_COST_HOURS = 6;

/** `cur` and the window just before it (`prev.to` = `cur.from`, or null), both whole hours. */
export function cohortPlan(cur: Window, prev: Window | null): CohortPlan {
  const plan: CohortPlan = { cur_days: [], prev_days: [], hours: [] };
  const start = prev ? prev.from.getTime() : cur.from.getTime();
  const end = cur.to.getTime();
  const side = (h: number): 'cur' | 'prev' | null =>
    h >= cur.from.getTime() && h < end ? 'cur' : prev && h >= start && h < cur.from.getTime() ? 'prev' : null;
  for (let day = floorDay(new Date(start)).getTime(); day < end; day += DAY_MS) {
    const hours = Array.from({ length: 24 }, (_, i) => day + i * HOUR_MS);
    const nCur = hours.filter((h) => side(h) === 'cur').length;
    const nPrev = hours.filter((h) => side(h) === 'prev').length;
    const whole: 'cur' | 'prev' = nCur >= nPrev ? 'cur' : 'prev';
    const inWhole = Math.max(nCur, nPrev);
    if (inWhole === 0) continue;
    if (inWhole === 24 || DAY_COST_HOURS + (24 - inWhole) < nCur + nPrev) {
      (whole === 'cur' ? plan.cur_days : plan.prev_days).push(toChTime(new Date(day)).slice(0, 10));
      plan.hours.push(...hours.filter((h) => side(h) !== whole).map(toChHour));
    } else {
      plan.hours.push(...hours.filter((h) => side(h) !== null).map(toChHour));
    }
  }
  return plan;
}

