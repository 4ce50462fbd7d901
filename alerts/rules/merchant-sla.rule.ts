import type { MerchantSlaRule } from '../rule-schema.ts';
import { round } from '../stats.ts';
import type { RuleEvaluation } from '../types.ts';
import { alertRows, HOUR_MS, apiPath, chTime, dashboardPath, fromChTime, group, iso, type EvalContext } from './rule-kit.ts';

interface Row {
  shop_id: string;
  waiting: number;
  overdue: number;
  oldest_requested_at: string;
  sample_refund_ids: string[];
}

/**
 * Merchant SLA (DESIGN §5): per shop, refunds waiting for the merchant's decision — in the
 * decision stage of the KPI's refund facts, requested or reopened — for longer than slaHours.
 * A single overdue refund is often a late event in transit; minOverdue of them is a shop that
 * stopped answering. The counts are those of /v1/kpi/stages for the shop (its decision row's
 * waiting and waiting_over_sla, with the SLA the API takes from this rule).
 */
export async function evaluateMerchantSla(ctx: EvalContext, rule: MerchantSlaRule): Promise<RuleEvaluation> {
  const p = rule.params;
  // The window shown with the alert: the SLA period that ends at the evaluation.
  const from = ctx.at - p.slaHours * HOUR_MS;
  // A backtest also counts requests cancelled after `at`, if made within this many days before it.
  const rows = await alertRows<Row>(ctx.client, 'merchant_sla', { at: chTime(ctx.at), sla_hours: p.slaHours, cancel_lookback_days: 30 });
  const window = { from: iso(from), to: iso(ctx.at) };
  const groups = rows.map((raw) => {
    const overdue = Number(raw.overdue);
    const waiting = Number(raw.waiting);
    const oldestMs = waiting > 0 ? fromChTime(raw.oldest_requested_at) : Number.NaN;
    const oldestHours = Number.isFinite(oldestMs) ? (ctx.at - oldestMs) / HOUR_MS : 0;
    const failed = overdue >= p.minOverdue ? [] : [`overdue ${overdue} < ${p.minOverdue}`];
    return group(
      { shop_id: raw.shop_id },
      {},
      failed,
      `${overdue} refunds waiting > ${p.slaHours} h`,
      overdue / p.minOverdue,
      {
        summary: `店铺 ${raw.shop_id} 有 ${overdue} 笔退款等待商家处理超过 ${p.slaHours} 小时（共 ${waiting} 笔待处理，最久 ${oldestHours.toFixed(0)} 小时）`,
        window,
        numbers: {
          overdue,
          waiting,
          oldest_wait_hours: round(oldestHours, 1),
          sla_hours: p.slaHours,
          min_overdue: p.minOverdue,
        },
        action: rule.action,
        drilldown: {
          dashboard: dashboardPath('overview', { shop_id: raw.shop_id, from: window.from, to: window.to }),
          api: apiPath('/v1/kpi/stages', { shop_id: raw.shop_id, from: window.from, to: window.to }),
        },
        details: { sample_refund_ids: raw.sample_refund_ids },
      },
    );
  });
  return { window: { from, to: ctx.at }, groups };
}
