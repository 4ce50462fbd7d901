import type { FromAnyServer, RateVerdict, ReturnRow } from '../api/types.ts';
import { fallbackVerdict, RETURN_RULE, rowVerdict } from './verdict.ts';

/**
 * SKU (host, session) return rates against the category baseline. Whether a row is high is the
 * API's verdict — the high-return-SKU rule's test (shaping/verdict.ts) — not a ratio cut here.
 */
export const SKU_FACTOR = RETURN_RULE.ratio;
export const SKU_MIN_ORDERS = RETURN_RULE.minN;

export interface SkuView extends FromAnyServer<ReturnRow> {
  /**
   * The verdict's reference: the rest of the category, orders of the same days (the rule's),
   * so the ratio shown and the badge come from one comparison.
   */
  baseline: number | null;
  /** return_rate ÷ baseline. */
  vsBaseline: number | null;
  verdict: RateVerdict;
  /** verdict.level === 'high': the only rows marked 偏高 / high. */
  flagged: boolean;
  /** verdict.level === 'too_few': shown as "too few orders", never as high. */
  tooFew: boolean;
}

export function skuViews(rows: FromAnyServer<ReturnRow>[]): SkuView[] {
  return rows.map((r) => {
    const verdict = rowVerdict(r.verdict, () => fallbackVerdict(r.refunded_orders, r.orders, r.baseline_return_rate, RETURN_RULE));
    return { ...r, baseline: verdict.baseline, vsBaseline: verdict.ratio, verdict, flagged: verdict.level === 'high', tooFew: verdict.level === 'too_few' };
  });
}

/** Case-insensitive match on the id, the product title or the category. */
export function matchesText(r: { key: string; title?: string | null; category: string }, text: string): boolean {
  const t = text.trim().toLowerCase();
  if (!t) return true;
  return r.key.toLowerCase().includes(t) || (r.title ?? '').toLowerCase().includes(t) || r.category.toLowerCase().includes(t);
}
