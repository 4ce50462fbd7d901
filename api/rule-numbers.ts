import { loadRulesFile } from '../alerts/rule-config.ts';
import type { Rule } from '../alerts/rule-schema.ts';
import type { AlertServices } from '../alerts/runtime.ts';
import { DEFAULT_SLA_S } from '../kpi/refund-flow.ts';
import type { ReturnVerdictTests, VerdictTest } from '../kpi/return-verdicts.ts';

/**
 * The alert rules' numbers for tables that mark rows as high: from the effective rule config
 * (admin edits included) when this process runs alerting, else from the rule file. A table and
 * the rule that watches it then move together when an admin changes a threshold.
 */
export type RuleLookup = (id: string) => Promise<Rule | undefined>;

export function ruleLookupOf(alerts: Pick<AlertServices, 'config'> | undefined): RuleLookup {
  if (alerts) return (id) => alerts.config.rule(id);
  const file = loadRulesFile();
  return async (id) => file.rules.find((r) => r.id === id);
}

function testOf(rule: Rule | undefined, id: string, fallback: Omit<VerdictTest, 'rule'>): VerdictTest {
  if (rule && (rule.kind === 'high_return_sku' || rule.kind === 'session_refund_spike')) {
    return { rule: rule.id, ratio: rule.params.ratio, minOrders: rule.params.minOrders, alpha: rule.params.alpha };
  }
  return { rule: id, ...fallback };
}

/** high_return_sku for SKU / host / shop / category rows, session_refund_spike for session rows. */
export async function returnVerdictTests(lookup: RuleLookup): Promise<ReturnVerdictTests> {
  const [sku, session] = await Promise.all([lookup('high_return_sku'), lookup('session_refund_spike')]);
  return {
    sku: testOf(sku, 'high_return_sku', { ratio: 1.5, minOrders: 30, alpha: 0.001 }),
    session: testOf(session, 'session_refund_spike', { ratio: 2, minOrders: 30, alpha: 0.01 }),
  };
}

/** The merchant_sla rule's SLA in seconds: the decision stage's waiting_over_sla counts what the rule counts as overdue. */
export async function merchantSlaSeconds(lookup: RuleLookup): Promise<number> {
  const rule = await lookup('merchant_sla');
  return rule?.kind === 'merchant_sla' ? rule.params.slaHours * 3600 : DEFAULT_SLA_S;
}
