import type { ReturnRow } from '../api/types.ts';

/**
 * SKU return rates against the category baseline, as the high-return-SKU rule judges them
 * (DESIGN §5 defaults: over 1.5 × the category rate with at least 30 orders).
 */
export const SKU_FACTOR = 1.5;
export const SKU_MIN_ORDERS = 30;

export interface SkuView extends ReturnRow {
  /** return_rate ÷ baseline_return_rate. */
  vsBaseline: number | null;
  flagged: boolean;
}

export function skuViews(rows: ReturnRow[]): SkuView[] {
  return rows.map((r) => {
    const vs = r.return_rate !== null && r.baseline_return_rate ? r.return_rate / r.baseline_return_rate : null;
    return { ...r, vsBaseline: vs, flagged: vs !== null && vs > SKU_FACTOR && r.orders >= SKU_MIN_ORDERS };
  });
}

/** Case-insensitive match on the id, the product title or the category. */
export function matchesText(r: { key: string; title?: string | null; category: string }, text: string): boolean {
  const t = text.trim().toLowerCase();
  if (!t) return true;
  return r.key.toLowerCase().includes(t) || (r.title ?? '').toLowerCase().includes(t) || r.category.toLowerCase().includes(t);
}
