import { describe, expect, it } from 'vitest';
import { loadRulesFile } from '../alerts/rule-config.ts';
import type { Rule } from '../alerts/rule-schema.ts';
import { DEFAULT_SLA_S } from '../kpi/refund-flow.ts';
import { merchantSlaSeconds, returnVerdictTests, type RuleLookup } from './rule-numbers.ts';

const shipped = loadRulesFile().rules;
const edited = (id: string, params: Record<string, number>): RuleLookup => async (wanted) => {
  const rule = shipped.find((r) => r.id === wanted);
  return rule && wanted === id ? ({ ...rule, params: { ...rule.params, ...params } } as Rule) : rule;
};

describe('tables take the alert rules’ numbers', () => {
  it('the stages SLA is merchant_sla’s slaHours, and follows an edit', async () => {
    expect(await merchantSlaSeconds(edited('none', {}))).toBe(48 * 3600);
    expect(await merchantSlaSeconds(edited('merchant_sla', { slaHours: 24 }))).toBe(24 * 3600);
    expect(await merchantSlaSeconds(async () => undefined)).toBe(DEFAULT_SLA_S);
  });

  it('the return-rate verdicts follow an edit of high_return_sku and session_refund_spike', async () => {
    const t = await returnVerdictTests(edited('high_return_sku', { ratio: 3, minOrders: 50 }));
    expect(t.sku).toMatchObject({ rule: 'high_return_sku', ratio: 3, minOrders: 50 });
    expect(t.session.rule).toBe('session_refund_spike');
  });
});
