import { regionName } from '../../contracts/regions.ts';
import { rateVerdict, restBaseline, type RateVerdict } from '../../stats/verdict.ts';
import type { RegionalDelayRule, Rule } from '../rule-schema.ts';
import { round } from '../stats.ts';
import type { RuleEvaluation } from '../types.ts';
import { alertRows, HOUR_MS, apiPath, chTime, dashboardPath, formatP, group, iso, pct, times, type EvalContext } from './rule-kit.ts';

interface Row {
  region_code: string;
  due: number;
  late: number;
}

/** The parameters of the rule's test, for tables that mark a region high with the same test. */
export interface RegionVerdictParams {
  ratio: number;
  minN: number;
  alpha: number;
}

/** The test of the first enabled regional_shipping_delay rule (the defaults' when none is). */
export function regionVerdictParams(rules: readonly Rule[]): RegionVerdictParams | undefined {
  const r = rules.find((x): x is RegionalDelayRule => x.kind === 'regional_shipping_delay' && x.enabled) ??
    rules.find((x): x is RegionalDelayRule => x.kind === 'regional_shipping_delay');
  return r ? { ratio: r.params.ratio, minN: r.params.minDue, alpha: r.params.alpha } : undefined;
}

/**
 * Regional shipping delay (DESIGN §5): per destination region, shipments due in the last
 * `windowHours` that were delivered late or not at all, against the rest of the country (the
 * region left out, so one huge region cannot hide in its own average), judged by rateVerdict
 * (stats/verdict.ts): ≥ minDue due, rate > ratio × the rest, one-sided exact binomial test
 * below alpha. The counts are the logistics KPI's for the same window (see the SQL), and the
 * KPI's region rows carry the verdict of the same function, so the alert, its evidence and the
 * table it links to agree.
 */
export async function evaluateRegionalDelay(ctx: EvalContext, rule: RegionalDelayRule): Promise<RuleEvaluation> {
  const p = rule.params;
  const from = ctx.at - p.windowHours * HOUR_MS;
  const rows = (
    await alertRows<Row>(ctx.client, 'regional_shipping_delay', { at: chTime(ctx.at), window_hours: p.windowHours })
  ).map((r) => ({ ...r, due: Number(r.due), late: Number(r.late) }));
  // The whole country, shipments without a known province included (the KPI's national figures).
  const totalDue = rows.reduce((n, r) => n + r.due, 0);
  const totalLate = rows.reduce((n, r) => n + r.late, 0);
  const window = { from: iso(from), to: iso(ctx.at) };

  const groups = rows
    .filter((r) => r.region_code !== '')
    .map((r) => {
      const v = rateVerdict({ k: r.late, n: r.due, baseline: restBaseline(totalLate, totalDue, r.late, r.due), ratio: p.ratio, minN: p.minDue, alpha: p.alpha });
      const national = v.baseline ?? 0;
      const ratio = v.ratio ?? (v.rate > 0 ? Number.POSITIVE_INFINITY : 0);
      const name = regionName(r.region_code);
      return group(
        { region_code: r.region_code },
        { region: name },
        failures(v, p.ratio),
        `delay rate ${pct(v.rate)} = ${times(ratio)} national, p ${formatP(v.p_value)}`,
        (Math.min(ratio, 1e6) / p.ratio) * Math.min(1, r.due / p.minDue),
        {
          summary: `${name} 近 ${p.windowHours} 小时物流延误率 ${pct(v.rate)}，为全国其他地区 ${pct(national)} 的 ${times(ratio)}；应达 ${r.due} 单，延误 ${r.late} 单，p=${formatP(v.p_value)}`,
          window,
          numbers: {
            region_delay_rate: round(v.rate),
            national_delay_rate: v.baseline === null ? null : round(v.baseline),
            ratio: v.ratio === null ? null : round(v.ratio, 2),
            due: r.due,
            late: r.late,
            national_due: totalDue - r.due,
            national_late: totalLate - r.late,
            rate_ci95_low: round(v.ci_low),
            rate_ci95_high: round(v.ci_high),
            threshold_ratio: p.ratio,
            min_due: p.minDue,
          },
          test: { name: 'binomial_exact_one_sided', null_rate: round(v.null_rate, 6), p_value: v.p_value, alpha: p.alpha },
          action: rule.action,
          drilldown: {
            dashboard: dashboardPath('logistics', { region: r.region_code, from: window.from, to: window.to }),
            api: apiPath('/v1/kpi/logistics', { region: r.region_code, from: window.from, to: window.to }),
          },
        },
      );
    });
  return { window: { from, to: ctx.at }, groups };
}

/** Why a region is not high, in the words of the evaluation history. */
function failures(v: RateVerdict, threshold: number): string[] {
  const out: string[] = [];
  for (const miss of v.missed) {
    if (miss === 'no_baseline') out.push('no other region had shipments due');
    if (miss === 'below_min_n') out.push(`due ${v.n} < ${v.min_n}`);
    if (miss === 'not_above_ratio') out.push(`delay rate ${pct(v.rate)} ≤ ${threshold} × national ${pct(v.baseline ?? 0)}`);
    if (miss === 'not_significant') out.push(`p ${formatP(v.p_value)} ≥ alpha ${v.alpha}`);
  }
  return out;
}
