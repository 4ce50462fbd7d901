import type { HighReturnSkuRule } from '../rule-schema.ts';
import { stratumMatchedBaselines } from '../../stats/stratified.ts';
import { rateVerdict } from '../../stats/verdict.ts';
import { round } from '../stats.ts';
import type { RuleEvaluation } from '../types.ts';
import { QUALITY_REASON_CODES } from '../../contracts/refunds.ts';
import { alertRows, DAY_MS, HOUR_MS, apiPath, chTime, dashboardPath, formatP, group, iso, pct, times, type EvalContext } from './rule-kit.ts';

interface Row {
  sku_id: string;
  order_day: string;
  category: string;
  shop_id: string;
  orders: number;
  returns: number;
  quality_returns: number;
}

/**
 * High-return SKU (DESIGN §5): the SKU's return rate over its order-date cohort of the last
 * `windowDays` against the rest of its category (the SKU itself left out, so a best-seller
 * cannot drag its own reference up), with ≥ minOrders orders, rate > ratio × reference, and a
 * one-sided exact binomial test at the threshold below alpha (stats/verdict.ts, the test every
 * table that marks a SKU high uses). The reference is matched by order day (stats/stratified.ts):
 * each UTC day of the SKU's orders against the category's orders of that day, because returns
 * accumulate for weeks and a SKU sold early in the window would otherwise look high for its age.
 * The return-rate tables match on the same days (kpi/return-verdicts.ts), so both say the same.
 */
export async function evaluateHighReturnSku(ctx: EvalContext, rule: HighReturnSkuRule): Promise<RuleEvaluation> {
  const p = rule.params;
  // Whole hours, as the return-rate KPI of the drilldown reads its cohorts (see the SQL).
  const to = Math.floor(ctx.at / HOUR_MS) * HOUR_MS;
  const from = to - p.windowDays * DAY_MS;
  const rows = (
    await alertRows<Row>(ctx.client, 'high_return_sku', {
      at: chTime(ctx.at),
      cohort_from: chTime(from),
      cohort_to: chTime(to),
      window_days: p.windowDays,
      quality_reasons: [...QUALITY_REASON_CODES],
    })
  ).map(numeric);

  const perSku = new Map<string, { shop_id: string; quality_returns: number }>();
  for (const r of rows) {
    const s = perSku.get(r.sku_id) ?? { shop_id: r.shop_id, quality_returns: 0 };
    s.quality_returns += r.quality_returns;
    perSku.set(r.sku_id, s);
  }
  const matched = stratumMatchedBaselines(rows.map((r) => ({ member: r.sku_id, group: r.category, stratum: r.order_day, n: r.orders, k: r.returns })));

  const groups = matched.map((m) => {
    const r = { sku_id: m.member, category: m.group, orders: m.n, returns: m.k, ...perSku.get(m.member)! };
    const v = rateVerdict({ k: m.k, n: m.n, baseline: m.baseline, ratio: p.ratio, minN: p.minOrders, alpha: p.alpha });
    const reference = v.baseline ?? 0;
    const rate = v.rate;
    const ratio = reference > 0 ? rate / reference : rate > 0 ? Number.POSITIVE_INFINITY : 0;
    const pValue = v.p_value;
    const unmatched = m.restN > 0 ? m.restK / m.restN : null;
    const failed: string[] = v.missed.map((miss) => {
      switch (miss) {
        case 'no_baseline': return 'no other SKU of the category sold in the window';
        case 'below_min_n': return `orders ${r.orders} < ${p.minOrders}`;
        case 'not_above_ratio': return `rate ${pct(rate)} ≤ ${p.ratio} × category ${pct(reference)}`;
        case 'not_significant': return `p ${formatP(pValue)} ≥ alpha ${p.alpha}`;
      }
    });
    const window = { from: iso(from), to: iso(to) };
    const score = (Math.min(ratio, 1e6) / p.ratio) * Math.min(1, r.orders / p.minOrders);
    return group(
      { sku_id: r.sku_id },
      { category: r.category, shop_id: r.shop_id },
      failed,
      `rate ${pct(rate)} = ${times(ratio)} category (age-matched), p ${formatP(pValue)}`,
      score,
      {
        summary: `${r.sku_id}（${r.category}）${p.windowDays} 日退货率 ${pct(rate)}，为同类目其他商品同日订单 ${pct(reference)} 的 ${times(ratio)}；订单 ${r.orders}，退货 ${r.returns}，p=${formatP(pValue)}`,
        window,
        numbers: {
          sku_return_rate: round(rate),
          category_return_rate: v.baseline !== null ? round(reference) : null,
          // The rest of the category over the whole window, not matched by order age.
          category_return_rate_unmatched: unmatched !== null ? round(unmatched) : null,
          ratio: Number.isFinite(ratio) ? round(ratio, 2) : null,
          orders: r.orders,
          returns: r.returns,
          quality_returns: r.quality_returns,
          category_orders: m.restN,
          category_returns: m.restK,
          rate_ci95_low: round(v.ci_low),
          rate_ci95_high: round(v.ci_high),
          threshold_ratio: p.ratio,
          min_orders: p.minOrders,
        },
        test: { name: 'binomial_exact_one_sided', null_rate: round(v.null_rate, 6),  p_value: pValue, alpha: p.alpha },
        action: rule.action,
        drilldown: {
          dashboard: dashboardPath(`skus/${encodeURIComponent(r.sku_id)}`, { from: window.from, to: window.to }),
          api: apiPath('/v1/kpi/return-rates', { by: 'sku', category: r.category, shop_id: r.shop_id, from: window.from, to: window.to }),
        },
      },
    );
  });
  return { window: { from, to }, groups };
}

function numeric(r: Row): Row {
  return { ...r, orders: Number(r.orders), returns: Number(r.returns), quality_returns: Number(r.quality_returns) };
}

