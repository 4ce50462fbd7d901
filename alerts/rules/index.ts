import type { ScheduledRule } from '../rule-schema.ts';
import type { RuleEvaluation } from '../types.ts';
import { evaluateHighReturnSku } from './high-return-sku.rule.ts';
import { evaluateMerchantSla } from './merchant-sla.rule.ts';
import { evaluateRegionalDelay } from './regional-delay.rule.ts';
import type { EvalContext } from './rule-kit.ts';
import { evaluateSessionRefundSpike } from './session-refund-spike.rule.ts';
import { evaluateStageBottleneck } from './stage-bottleneck.rule.ts';

export type { EvalContext } from './rule-kit.ts';

/** Rule kind → evaluator. A new scheduled rule kind is a schema in rule-schema.ts plus one file here. */
export function evaluateRule(ctx: EvalContext, rule: ScheduledRule): Promise<RuleEvaluation> {
  switch (rule.kind) {
    case 'high_return_sku':
      return evaluateHighReturnSku(ctx, rule);
    case 'regional_shipping_delay':
      return evaluateRegionalDelay(ctx, rule);
    case 'merchant_sla':
      return evaluateMerchantSla(ctx, rule);
    case 'stage_bottleneck':
      return evaluateStageBottleneck(ctx, rule);
    case 'session_refund_spike':
      return evaluateSessionRefundSpike(ctx, rule);
  }
}
