import { regionName } from '../../contracts/regions.ts';
import type { RegionalDelayRule } from '../rule-schema.ts';
import { binomialUpperTail, round, wilsonInterval } from '../stats.ts';
import type { RuleEvaluation } from '../types.ts';
import { alertRows, HOUR_MS, apiPath, chTime, dashboardPath, formatP, group, iso, pct, times, type EvalContext } from './rule-kit.ts';

interface Row {
  region_code: string;
  region: string;
  due: number;
  late: number;
}

/**
 * Regional shipping delay (DESIGN §5): per destination region, shipments due in the last
 * `windowHours` that were delivered late or not at all, against the rest of the country (the
 * region left out, so one huge region cannot hide in its own average), with ≥ minDue due,
 * rate > ratio × national and the one-sided exact binomial test below alpha.
 */
export async function evaluateRegionalDelay(ctx: EvalContext, rule: RegionalDelayRule): Promise<RuleEvaluation> {
  const p = rule.params;
  const from = ctx.at - p.windowHours * HOUR_MS;
  const rows = (
    await alertRows<Row>(ctx.client, 'regional_shipping_delay', {
      at: chTime(ctx.at),
      window_hours: p.windowHours,
      scan_lookback_days: p.scanLookbackDays,
    })
  ).map((r) => ({ ...r, due: Number(r.due), late: Number(r.late) }));
  const totalDue = rows.reduce((n, r) => n + r.due, 0);
  const totalLate = rows.reduce((n, r) => n + r.late, 0);
  const window = { from: iso(from), to: iso(ctx.at) };

  const groups = rows.map((r) => {
    const restDue = totalDue - r.due;
    const national = restDue > 0 ? (totalLate - r.late) / restDue : Number.NaN;
    const rate = r.due > 0 ? r.late / r.due : 0;
    // H0: the true rate is at most ratio × the reference — so a significant result means the
    // excess over the threshold itself is real, not just the excess over the reference.
    const nullRate = Math.min(1, p.ratio * (national || 0));
    const pValue = restDue > 0 ? binomialUpperTail(r.late, r.due, nullRate) : 1;
    const ratio = national > 0 ? rate / national : rate > 0 ? Number.POSITIVE_INFINITY : 0;
    const name = regionName(r.region_code);
    const failed: string[] = [];
    if (restDue === 0) failed.push('no other region had shipments due');
    if (r.due < p.minDue) failed.push(`due ${r.due} < ${p.minDue}`);
    if (!(ratio > p.ratio)) failed.push(`delay rate ${pct(rate)} ≤ ${p.ratio} × national ${pct(national || 0)}`);
    if (!(pValue < p.alpha)) failed.push(`p ${formatP(pValue)} ≥ alpha ${p.alpha}`);
    const ci = wilsonInterval(r.late, r.due);
    return group(
      { region_code: r.region_code },
      { region: name },
      failed,
      `delay rate ${pct(rate)} = ${times(ratio)} national, p ${formatP(pValue)}`,
      (Math.min(ratio, 1e6) / p.ratio) * Math.min(1, r.due / p.minDue),
      {
        summary: `${name} 近 ${p.windowHours} 小时物流延误率 ${pct(rate)}，为全国其他地区 ${pct(national || 0)} 的 ${times(ratio)}；应达 ${r.due} 单，延误 ${r.late} 单，p=${formatP(pValue)}`,
        window,
        numbers: {
          region_delay_rate: round(rate),
          national_delay_rate: restDue > 0 ? round(national) : null,
          ratio: Number.isFinite(ratio) ? round(ratio, 2) : null,
          due: r.due,
          late: r.late,
          national_due: restDue,
          national_late: totalLate - r.late,
          rate_ci95_low: round(ci.low),
          rate_ci95_high: round(ci.high),
          threshold_ratio: p.ratio,
          min_due: p.minDue,
        },
        test: { name: 'binomial_exact_one_sided', null_rate: round(nullRate, 6), p_value: pValue, alpha: p.alpha },
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
