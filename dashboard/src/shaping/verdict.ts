import { rateVerdict } from '../../../stats/verdict.ts';
import type { RateVerdict } from '../api/types.ts';

/**
 * "Is this rate high?" for a table row (issue #15 item 3). The API sends each row's verdict,
 * computed by the test of the rule that watches it (stats/verdict.ts); the dashboard shows it
 * and does not judge on its own. Only when the API sends none (an older server) does it fall
 * back to the same decision here — stats/verdict.ts's rateVerdict, the rules' own function
 * (imported, not copied, so there is one definition), with the rule's shipped defaults:
 *
 *   high ⇔ baseline known ∧ n ≥ minN ∧ rate > ratio × baseline ∧ P(X ≥ k | n, min(1, ratio × baseline)) < alpha
 *   too_few ⇔ no baseline ∨ n < minN; otherwise normal.
 *
 * So a 2-of-49 SKU against a 1 % category is not high (p ≈ 0.12), and no row under minN is.
 */

export interface VerdictParams {
  ratio: number;
  minN: number;
  alpha: number;
}

/** high_return_sku defaults (config/alerts.default.json), used for SKU / host / session rows. */
export const RETURN_RULE: VerdictParams = { ratio: 1.5, minN: 30, alpha: 0.001 };
/** regional_shipping_delay defaults, used for region rows. */
export const DELAY_RULE: VerdictParams = { ratio: 2, minN: 50, alpha: 0.01 };

export function fallbackVerdict(k: number, n: number, baseline: number | null, p: VerdictParams): RateVerdict {
  const nn = Math.max(0, Math.round(n));
  const kk = Math.max(0, Math.min(nn, Math.round(k)));
  const base = baseline !== null && Number.isFinite(baseline) ? baseline : null;
  // The API's shape exactly (stats/verdict.ts): p_value is 1 without a baseline.
  return { ...rateVerdict({ k: kk, n: nn, baseline: base, ratio: p.ratio, minN: p.minN, alpha: p.alpha }), baseline: base };
}

/**
 * The verdict to show: the API's, or the fallback. Whatever the source, a row with fewer than
 * min_n trials is never shown as high.
 */
export function rowVerdict(sent: RateVerdict | undefined, fallback: () => RateVerdict): RateVerdict {
  const v = sent ?? fallback();
  return v.level === 'high' && v.n < v.min_n ? { ...v, level: 'too_few' } : v;
}
