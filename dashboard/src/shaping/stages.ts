import type { Stage, StageRow, StagesAnswer } from '../api/types.ts';

/**
 * The refund flow as a funnel of stages: how long each takes (p50, p90), how many refunds
 * passed it in the window, how many wait in it now, and which one is the bottleneck — the
 * stage the API names (highest p90), or none when no stage has durations.
 */

export interface StageBar {
  stage: Stage;
  p50_h: number | null;
  p90_h: number | null;
  completed: number;
  waiting: number;
  overSla: number;
  bottleneck: boolean;
  /** Share of the whole flow's p90 time this stage takes (0–1), for the funnel width. */
  shareOfP90: number;
}

const hours = (s: number | null) => (s === null ? null : s / 3600);

export function stageBars(a: StagesAnswer): StageBar[] {
  const totalP90 = a.stages.reduce((s, r) => s + (r.p90_s ?? 0), 0);
  return a.stages.map((r: StageRow) => ({
    stage: r.stage,
    p50_h: hours(r.p50_s),
    p90_h: hours(r.p90_s),
    completed: r.completed,
    waiting: r.waiting,
    overSla: r.waiting_over_sla,
    bottleneck: a.bottleneck === r.stage,
    shareOfP90: totalP90 > 0 ? (r.p90_s ?? 0) / totalP90 : 0,
  }));
}

export function hasStageData(a: StagesAnswer): boolean {
  return a.stages.some((s) => s.completed > 0 || s.waiting > 0);
}
