import { groupKeyOf } from './fingerprint.ts';
import type { Rule } from './rule-schema.ts';
import type { GroupRef, Labels } from './types.ts';

/**
 * Alertmanager's grouping, per rule: alerts of one rule with equal values of the rule's
 * `groupBy` labels form one group, and a group — not an alert — is what webhooks and the
 * grouped SSE events notify (delivery/grouper.ts). The timing fields keep their Alertmanager
 * meaning and defaults: a new group waits `groupWaitSeconds` (30 s) so a burst collects, later
 * changes go out at most every `groupIntervalSeconds` (5 min), and an unchanged group with
 * firing, unacknowledged members is re-sent every `repeatIntervalMinutes` (the rule's existing
 * field, which is also the per-alert repeat of the history).
 */

export interface GroupPolicy {
  rule: string;
  groupBy: readonly string[];
  groupWaitMs: number;
  groupIntervalMs: number;
  /** 0 = never repeat. */
  repeatIntervalMs: number;
}

export const GROUP_DEFAULTS = { groupBy: [] as string[], groupWaitSeconds: 30, groupIntervalSeconds: 300 } as const;

export function groupPolicyOf(rule: Pick<Rule, 'id' | 'repeatIntervalMinutes' | 'groupBy' | 'groupWaitSeconds' | 'groupIntervalSeconds'>): GroupPolicy {
  return {
    rule: rule.id,
    groupBy: rule.groupBy ?? GROUP_DEFAULTS.groupBy,
    groupWaitMs: (rule.groupWaitSeconds ?? GROUP_DEFAULTS.groupWaitSeconds) * 1000,
    groupIntervalMs: (rule.groupIntervalSeconds ?? GROUP_DEFAULTS.groupIntervalSeconds) * 1000,
    repeatIntervalMs: rule.repeatIntervalMinutes * 60_000,
  };
}

/** The group of an alert: the groupBy labels it has ('' for a label it lacks, as Alertmanager). */
export function groupOf(ruleId: string, groupBy: readonly string[], labels: Labels): GroupRef {
  const values: Labels = {};
  for (const name of groupBy) values[name] = labels[name] ?? '';
  return { key: groupKeyOf(ruleId, values), labels: values };
}

/** Group refs for alerts of any rule, with the rules in force (an unknown rule is one group). */
export function grouperOf(rules: readonly Rule[]): (alert: { rule: string; labels: Labels }) => GroupRef {
  const by = new Map(rules.map((r) => [r.id, r.groupBy ?? GROUP_DEFAULTS.groupBy]));
  return (alert) => groupOf(alert.rule, by.get(alert.rule) ?? GROUP_DEFAULTS.groupBy, alert.labels);
}
