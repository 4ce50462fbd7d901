import type { RateVerdict, ReturnRow } from '../api/types.ts';
import { fallbackVerdict, RETURN_RULE, rowVerdict } from './verdict.ts';

/**
 * SKU (host, session) return rates against the category baseline. Whether a row is high is the
 * API's verdict — the high-return-SKU rule's test (shaping/verdict.ts) — not a ratio cut here.
 */
export const SKU_FACTOR = RETURN_RULE.ratio;
export const SKU_MIN_ORDERS = RETURN_RULE.minN;

export interface SkuView extends ReturnRow {
  /** return_rate ÷ baseline_return_rate. */
  vsBaseline: number | null;
  verdict: RateVerdict;
  /** verdict.level === 'high': the only rows marked 偏高 / high. */
  flagged: boolean;
  /** verdict.level === 'too_few': shown as "too few orders", never as high. */
  tooFew: boolean;
}

export function skuViews(rows: ReturnRow[]): SkuView[] {
  return rows.map((r) => {
    const vs = r.return_rate !== null && r.baseline_return_rate ? r.return_rate / r.baseline_return_rate : null;
    const verdict = rowVerdict(r.verdict, () => fallbackVerdict(r.refunded_orders, r.orders, r.baseline_return_rate, RETURN_RULE));
    return { ...r, vsBaseline: vs, verdict, flagged: verdict.level === 'high', tooFew: verdict.level === 'too_few' };
  });
}

/** Case-insensitive match on the id, the product title or the category. */
export function matchesText(r: { key: string; title?: string | null; category: string }, text: string): boolean {
  const t = text.trim().toLowerCase();
  if (!t) return true;
  return r.key.toLowerCase().includes(t) || (r.title ?? '').toLowerCase().includes(t) || r.category.toLowerCase().includes(t);
}
