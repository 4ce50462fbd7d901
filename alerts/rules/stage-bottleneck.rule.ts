import type { StageBottleneckRule } from '../rule-schema.ts';
import { round } from '../stats.ts';
import type { RuleEvaluation } from '../types.ts';
import { alertRows, DAY_MS, HOUR_MS, apiPath, chTime, dashboardPath, group, iso, times, type EvalContext } from './rule-kit.ts';

interface Row {
  stage: string;
  recent_n: number;
  recent_p90_s: number;
  baseline_n: number;
  baseline_p90_s: number;
}

export const STAGE_NAMES: Record<string, string> = {
  decision: '商家审核',
  ship_back: '买家寄回',
  transit: '退货运输',
  money_back: '签收到退款',
};

/**
 * Stage bottleneck (DESIGN §5): a refund stage whose p90 over the last recentHours exceeds
 * ratio × its p90 over the baselineDays before that. The baseline excludes the recent window
 * so a sudden slowdown is compared with the normal level, not with itself. Percentiles of
 * thin samples jump around, hence minimum counts on both sides instead of a test.
 */
export async function evaluateStageBottleneck(ctx: EvalContext, rule: StageBottleneckRule): Promise<RuleEvaluation> {
  const p = rule.params;
  const recentFrom = ctx.at - p.recentHours * HOUR_MS;
  const baselineFrom = recentFrom - p.baselineDays * DAY_MS;
  const rows = await alertRows<Row>(ctx.client, 'stage_bottleneck', {
    at: chTime(ctx.at),
    recent_hours: p.recentHours,
    baseline_days: p.baselineDays,
  });
  const window = { from: iso(recentFrom), to: iso(ctx.at) };
  const groups = rows.map((raw) => {
    const recentN = Number(raw.recent_n);
    const baselineN = Number(raw.baseline_n);
    const recent = Number(raw.recent_p90_s);
    const baseline = Number(raw.baseline_p90_s);
    const ratio = baseline > 0 ? recent / baseline : recent > 0 ? Number.POSITIVE_INFINITY : 0;
    const failed: string[] = [];
    if (recentN < p.minSamples) failed.push(`recent completions ${recentN} < ${p.minSamples}`);
    if (baselineN < p.minBaselineSamples) failed.push(`baseline completions ${baselineN} < ${p.minBaselineSamples}`);
    if (!(ratio > p.ratio)) failed.push(`p90 ${hours(recent)} h ≤ ${p.ratio} × baseline ${hours(baseline)} h`);
    const name = STAGE_NAMES[raw.stage] ?? raw.stage;
    return group(
      { stage: raw.stage },
      { stage_name: name },
      failed,
      `p90 ${hours(recent)} h = ${times(ratio)} baseline`,
      (Math.min(ratio, 1e6) / p.ratio) * Math.min(1, recentN / p.minSamples),
      {
        summary: `「${name}」环节近 ${p.recentHours} 小时 P90 为 ${hours(recent)} 小时，是前 ${p.baselineDays} 天水平 ${hours(baseline)} 小时的 ${times(ratio)}（${recentN} 笔）`,
        window,
        numbers: {
          recent_p90_hours: hours(recent),
          baseline_p90_hours: hours(baseline),
          ratio: Number.isFinite(ratio) ? round(ratio, 2) : null,
          recent_completions: recentN,
          baseline_completions: baselineN,
          baseline_from: iso(baselineFrom),
          threshold_ratio: p.ratio,
        },
        action: rule.action,
        drilldown: {
          dashboard: dashboardPath('overview', { panel: 'stages', stage: raw.stage, from: window.from, to: window.to }),
          api: apiPath('/v1/kpi/stages', { from: window.from, to: window.to }),
        },
      },
    );
  });
  return { window: { from: baselineFrom, to: ctx.at }, groups };
}

function hours(seconds: number): number {
  return round(seconds / 3600, 1);
}
