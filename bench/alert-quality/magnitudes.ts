import { CATEGORY_SPECS, type Category } from '../../simulator/catalog-data.ts';
import type { AlertRuleName, Incident, IncidentKind, IncidentMagnitudes } from '../../simulator/incidents.ts';
import { BASE_LATE_RATE } from '../../simulator/logistics-plan.ts';
import type { World } from '../../simulator/world.ts';

/**
 * Incident strength in each rule's own unit (the "effect"), the effect size each rule is
 * documented to catch (alerts/README.md), and the conversion to the simulator's magnitude
 * (simulator/incidents.ts IncidentMagnitudes: 1 = the default plan's numbers).
 */

export interface EffectSpec {
  /** What the number measures, for the report. */
  unit: string;
  /** Planted at these strengths, rotated over seeds: the first three clear, the last borderline. */
  levels: readonly number[];
  /** The effect size the rule is built to catch (alerts/README.md): recall counts incidents at or above it. */
  documented: number;
}

export const EFFECTS: Record<IncidentKind, EffectSpec> = {
  sku_return_spike: { unit: "× category's return rate", levels: [6, 4, 3, 1.8], documented: 3 },
  risky_host_wording: { unit: 'risky lines within 10 min', levels: [8, 6, 5, 3], documented: 5 },
  // 4×, not 3×: the rule tests against 2 × the rest of the country (~0.2 at a national ~10 %), and
  // with ~200 parcels due a day in one province at the default scale a 0.24 rate is not
  // significant at alpha 0.01, a 0.32 one is (z ≈ 3.4). Power, not tuning: see alerts/README.md.
  regional_shipping_delay: { unit: '× national late rate', levels: [9.375, 6, 4, 1.8], documented: 4 },
  // Effect = refunds requested during the silence (each then waits > 48 h); levels are silence hours.
  merchant_sla_breach: { unit: 'requests left unanswered > 48 h', levels: [144, 24, 6, 0.5], documented: 6 },
  session_refund_spike: { unit: "× host's usual refund rate", levels: [6, 4, 3, 1.8], documented: 3 },
  // 2, not 1: the rule fires when a topic's share reaches 3 × its baseline share p0 (and passes the
  // test against that line). With f questions per ordinary comment the share is (p0 + f) / (1 + f):
  // f = 1 gives 3.8 × at p0 = 0.15 and 3 × at p0 = 0.2 (at the line: caught only in large rooms);
  // f = 2 gives 4.8 × and 3.7 ×. Seed 1002's flood at f = 1 was missed.
  viewer_question_spike: { unit: "flood per ordinary comment in 5 min", levels: [3, 2, 1, 0.3], documented: 2 },
  refund_payout_backlog: { unit: "× the payout stage's usual duration", levels: [4, 3, 2, 1.3], documented: 2 },
};

export const KIND_OF_RULE: Record<AlertRuleName, IncidentKind> = {
  high_return_sku: 'sku_return_spike',
  risky_host_wording: 'risky_host_wording',
  regional_shipping_delay: 'regional_shipping_delay',
  merchant_sla: 'merchant_sla_breach',
  session_refund_spike: 'session_refund_spike',
  viewer_question_spike: 'viewer_question_spike',
  stage_bottleneck: 'refund_payout_backlog',
};

export const KINDS = Object.keys(EFFECTS) as IncidentKind[];

/** Level of each kind in the world of the `index`-th seed: rotated so every seed mixes strengths. */
export function levelsFor(index: number): Record<IncidentKind, number> {
  const out = {} as Record<IncidentKind, number>;
  KINDS.forEach((kind, j) => {
    const levels = EFFECTS[kind].levels;
    out[kind] = levels[(index + j) % levels.length]!;
  });
  return out;
}

/**
 * Simulator magnitudes giving each incident of `manifest` (planned in `world` with the default
 * plan: the subjects do not depend on magnitudes) the wanted effect.
 */
export function magnitudesFor(world: World, manifest: readonly Incident[], effects: Record<IncidentKind, number>): IncidentMagnitudes {
  const out: IncidentMagnitudes = {};
  for (const incident of manifest) {
    const e = effects[incident.kind];
    switch (incident.kind) {
      case 'sku_return_spike': {
        const rate = CATEGORY_SPECS[incident.subject.category as Category].refundRate;
        out[incident.kind] = (e * rate) / 0.6;
        break;
      }
      case 'session_refund_spike': {
        const host = world.hosts.find((h) => h.id === incident.subject.host_id);
        const usual = host ? CATEGORY_SPECS[host.shop.categories[0]!].refundRate * host.refundFactor : 0.1;
        out[incident.kind] = (e * usual) / 0.6;
        break;
      }
      case 'regional_shipping_delay':
        out[incident.kind] = (e * BASE_LATE_RATE) / 0.75;
        break;
      case 'merchant_sla_breach':
        out[incident.kind] = e / (6 * 24);
        break;
      case 'risky_host_wording':
        out[incident.kind] = e / 8;
        break;
      case 'viewer_question_spike':
        out[incident.kind] = e / 3;
        break;
      case 'refund_payout_backlog':
        out[incident.kind] = e / 3;
        break;
    }
  }
  return out;
}
