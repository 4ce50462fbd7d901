import type { HighReturnSkuRule } from '../rule-schema.ts';
import { binomialUpperTail, round, wilsonInterval } from '../stats.ts';
import type { RuleEvaluation } from '../types.ts';
import { alertRows, DAY_MS, HOUR_MS, apiPath, chTime, dashboardPath, formatP, group, iso, pct, times, type EvalContext } from './rule-kit.ts';

interface Row {
  sku_id: string;
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
 * one-sided exact binomial test of H0 "rate = reference" below alpha (alerts/stats.ts).
 */
export async function evaluateHighReturnSku(ctx: EvalContext, rule: HighReturnSkuRule): Promise<RuleEvaluation> {
  const p = rule.params;
  // Whole hours, as the return-rate KPI of the drilldown reads its cohorts (see the SQL).
  const to = Math.floor(ctx.at / HOUR_MS) * HOUR_MS;
  const from = to - p.windowDays * DAY_MS;
  const rows = (
    await alertRows<Row>(ctx.client, 'high_return_sku', { at: chTime(ctx.at), cohort_from: chTime(from), cohort_to: chTime(to), window_days: p.windowDays })
  ).map(numeric);

  const byCategory = new Map<string, { orders: number; returns: number }>();
  for (const r of rows) {
    const c = byCategory.get(r.category) ?? { orders: 0, returns: 0 };
    c.orders += r.orders;
    c.returns += r.returns;
    byCategory.set(r.category, c);
  }

  const groups = rows.map((r) => {
    const cat = byCategory.get(r.category)!;
    const restOrders = cat.orders - r.orders;
    const restReturns = cat.returns - r.returns;
    const reference = restOrders > 0 ? restReturns / restOrders : Number.NaN;
    const rate = r.orders > 0 ? r.returns / r.orders : 0;
    // H0: the true rate is at most ratio × the reference — so a significant result means the
    // excess over the threshold itself is real, not just the excess over the reference.
    const nullRate = Math.min(1, p.ratio * (reference || 0));
    const pValue = restOrders > 0 ? binomialUpperTail(r.returns, r.orders, nullRate) : 1;
    const ratio = reference > 0 ? rate / reference : rate > 0 ? Number.POSITIVE_INFINITY : 0;
    const failed: string[] = [];
    if (restOrders === 0) failed.push('no other SKU of the category sold in the window');
    if (r.orders < p.minOrders) failed.push(`orders ${r.orders} < ${p.minOrders}`);
    if (!(ratio > p.ratio)) failed.push(`rate ${pct(rate)} ≤ ${p.ratio} × category ${pct(reference || 0)}`);
    if (!(pValue < p.alpha)) failed.push(`p ${formatP(pValue)} ≥ alpha ${p.alpha}`);
    const ci = wilsonInterval(r.returns, r.orders);
    const window = { from: iso(from), to: iso(to) };
    const score = (Math.min(ratio, 1e6) / p.ratio) * Math.min(1, r.orders / p.minOrders);
    return group(
      { sku_id: r.sku_id },
      { category: r.category, shop_id: r.shop_id },
      failed,
      `rate ${pct(rate)} = ${times(ratio)} category, p ${formatP(pValue)}`,
      score,
      {
        summary: `${r.sku_id}（${r.category}）${p.windowDays} 日退货率 ${pct(rate)}，为同类目其他商品 ${pct(reference || 0)} 的 ${times(ratio)}；订单 ${r.orders}，退货 ${r.returns}，p=${formatP(pValue)}`,
        window,
        numbers: {
          sku_return_rate: round(rate),
          category_return_rate: restOrders > 0 ? round(reference) : null,
          ratio: Number.isFinite(ratio) ? round(ratio, 2) : null,
          orders: r.orders,
          returns: r.returns,
          quality_returns: r.quality_returns,
          category_orders: restOrders,
          category_returns: restReturns,
          rate_ci95_low: round(ci.low),
          rate_ci95_high: round(ci.high),
          threshold_ratio: p.ratio,
          min_orders: p.minOrders,
        },
        test: { name: 'binomial_exact_one_sided', null_rate: round(nullRate, 6), p_value: pValue, alpha: p.alpha },
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

