import type { ReasonCode } from '../contracts/refunds.ts';
import { POLICY_REJECT_REASON, type CategorySpec, type RefundPolicy } from './catalog-data.ts';
import { Rng, WeightedTable, clamp } from './prng.ts';

/**
 * How long after delivery buyers ask, and how they rate the experience. Damage shows at
 * unboxing (hours), a wrong size after trying on (a day or two), a quality fault after use (days).
 */
export function requestDelayHours(rng: Rng, reason: ReasonCode, policy: RefundPolicy): number {
  const windowHours = (policy === '15day_no_reason' ? 15 : 7) * 24 - 2;
  switch (reason) {
    case 'size_fit':
    case 'dislike':
      return clamp(rng.logNormal(30, 0.7), 1, windowHours);
    case 'changed_mind':
      return clamp(rng.logNormal(20, 0.8), 0.5, windowHours);
    case 'damaged':
    case 'wrong_item':
      return clamp(rng.logNormal(6, 0.8), 0.2, 72);
    case 'quality':
      return clamp(rng.logNormal(48, 0.8), 2, 14 * 24);
    case 'not_as_described':
      return clamp(rng.logNormal(20, 0.7), 1, 10 * 24);
    case 'counterfeit':
      return clamp(rng.logNormal(60, 0.6), 6, 14 * 24);
    default:
      return clamp(rng.logNormal(40, 0.8), 1, 14 * 24);
  }
}

const CSAT: Record<'fast' | 'normal' | 'slow' | 'rejected', WeightedTable<number>> = {
  fast: new WeightedTable([[5, 60], [4, 28], [3, 8], [2, 3], [1, 1]]),
  normal: new WeightedTable([[5, 35], [4, 35], [3, 18], [2, 7], [1, 5]]),
  slow: new WeightedTable([[5, 15], [4, 25], [3, 30], [2, 18], [1, 12]]),
  rejected: new WeightedTable([[1, 45], [2, 30], [3, 15], [4, 7], [5, 3]]),
};

/** Satisfaction 1–5: fast automatic refunds please, long waits and rejections do not. */
export function csatFor(rng: Rng, experience: keyof typeof CSAT): number {
  return rng.weighted(CSAT[experience]);
}

export function pickRejectReason(rng: Rng, spec: CategorySpec, policy: RefundPolicy, policyViolation: boolean): string {
  return policyViolation ? POLICY_REJECT_REASON[policy] : rng.pick(spec.rejectReasons);
}
