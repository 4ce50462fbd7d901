import type { SessionRefundSpikeRule } from '../rule-schema.ts';
import { binomialUpperTail, round, wilsonInterval } from '../stats.ts';
import type { RuleEvaluation } from '../types.ts';
import { alertRows, DAY_MS, apiPath, chTime, dashboardPath, formatP, fromChTime, group, iso, pct, times, type EvalContext } from './rule-kit.ts';

interface Row {
  live_session_id: string;
  host_id: string;
  shop_id: string;
  first_order_at: string;
  orders: number;
  returns: number;
}
interface Session {
  id: string;
  hostId: string;
  shopId: string;
  start: number;
  orders: number;
  returns: number;
}

/**
 * Live-session refund spike (DESIGN §5): a recent session (first order within lookbackDays)
 * whose orders are refunded far more than the host's usual rate.
 *
 * The host's usual rate comes from the same host's sessions that started *before* this one
 * (within baselineDays): they had at least as long for refunds to come in, so a session is
 * never compared with younger, not-yet-refunded ones — the comparison errs on the quiet side.
 * A host with fewer than minBaselineOrders such orders is compared with every other session
 * of the platform in that period instead. Then: ≥ minOrders, rate > ratio × baseline, and the
 * one-sided exact binomial test below alpha.
 */
export async function evaluateSessionRefundSpike(ctx: EvalContext, rule: SessionRefundSpikeRule): Promise<RuleEvaluation> {
  const p = rule.params;
  const from = ctx.at - (p.lookbackDays + p.baselineDays) * DAY_MS;
  const rows = await alertRows<Row>(ctx.client, 'session_refund_spike', {
    at: chTime(ctx.at),
    days: p.lookbackDays + p.baselineDays,
  });
  const sessions: Session[] = rows.map((r) => ({
    id: r.live_session_id,
    hostId: r.host_id,
    shopId: r.shop_id,
    start: fromChTime(r.first_order_at),
    orders: Number(r.orders),
    returns: Number(r.returns),
  }));
  const recentFrom = ctx.at - p.lookbackDays * DAY_MS;

  const groups = sessions
    .filter((s) => s.start >= recentFrom)
    .map((s) => {
      const earlier = sessions.filter((o) => o.id !== s.id && o.start < s.start && o.start >= s.start - p.baselineDays * DAY_MS);
      const own = earlier.filter((o) => o.hostId === s.hostId);
      const ownOrders = sum(own, 'orders');
      const useHost = ownOrders >= p.minBaselineOrders;
      const basis = useHost ? own : earlier;
      const baseOrders = sum(basis, 'orders');
      const baseReturns = sum(basis, 'returns');
      const baseline = baseOrders > 0 ? baseReturns / baseOrders : Number.NaN;
      const rate = s.orders > 0 ? s.returns / s.orders : 0;
      // H0: the true rate is at most ratio × the reference — so a significant result means the
    // excess over the threshold itself is real, not just the excess over the reference.
    const nullRate = Math.min(1, p.ratio * (baseline || 0));
    const pValue = baseOrders > 0 ? binomialUpperTail(s.returns, s.orders, nullRate) : 1;
      const ratio = baseline > 0 ? rate / baseline : rate > 0 ? Number.POSITIVE_INFINITY : 0;
      const failed: string[] = [];
      if (baseOrders === 0) failed.push('no earlier sessions to compare with');
      if (s.orders < p.minOrders) failed.push(`orders ${s.orders} < ${p.minOrders}`);
      if (!(ratio > p.ratio)) failed.push(`rate ${pct(rate)} ≤ ${p.ratio} × ${useHost ? 'host' : 'platform'} ${pct(baseline || 0)}`);
      if (!(pValue < p.alpha)) failed.push(`p ${formatP(pValue)} ≥ alpha ${p.alpha}`);
      const window = { from: iso(s.start), to: iso(ctx.at) };
      const ci = wilsonInterval(s.returns, s.orders);
      const basisName = useHost ? `主播 ${s.hostId} 此前场次` : '平台同期其他场次';
      return group(
        { live_session_id: s.id },
        { host_id: s.hostId, shop_id: s.shopId },
        failed,
        `rate ${pct(rate)} = ${times(ratio)} ${useHost ? 'host' : 'platform'} baseline, p ${formatP(pValue)}`,
        (Math.min(ratio, 1e6) / p.ratio) * Math.min(1, s.orders / p.minOrders),
        {
          summary: `直播场次 ${s.id}（主播 ${s.hostId}）退款率 ${pct(rate)}，为${basisName} ${pct(baseline || 0)} 的 ${times(ratio)}；订单 ${s.orders}，退款 ${s.returns}，p=${formatP(pValue)}`,
          window,
          numbers: {
            session_refund_rate: round(rate),
            baseline_refund_rate: baseOrders > 0 ? round(baseline) : null,
            baseline: useHost ? 'host' : 'platform',
            ratio: Number.isFinite(ratio) ? round(ratio, 2) : null,
            orders: s.orders,
            refunds: s.returns,
            baseline_orders: baseOrders,
            baseline_refunds: baseReturns,
            baseline_sessions: basis.length,
            rate_ci95_low: round(ci.low),
            rate_ci95_high: round(ci.high),
            threshold_ratio: p.ratio,
          },
          test: { name: 'binomial_exact_one_sided', null_rate: round(nullRate, 6), p_value: pValue, alpha: p.alpha },
          action: rule.action,
          drilldown: {
            dashboard: dashboardPath(`sessions/${encodeURIComponent(s.id)}`, {}),
            api: apiPath('/v1/kpi/return-rates', { by: 'session', live_session_id: s.id, from: window.from, to: window.to }),
          },
        },
      );
    });
  return { window: { from, to: ctx.at }, groups };
}

function sum(list: Session[], key: 'orders' | 'returns'): number {
  let n = 0;
  for (const s of list) n += s[key];
  return n;
}
