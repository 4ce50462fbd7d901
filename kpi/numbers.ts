/**
 * ClickHouse JSON answers carry 64-bit integers as strings and NaN as null or "nan"; these turn
 * them into plain numbers (or null where nothing was measured).
 */
export type Num = number | string | null | undefined;

export function count(v: Num): number {
  const n = Number(v ?? 0);
  return Number.isFinite(n) ? n : 0;
}

export function numOrNull(v: Num): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** numerator ÷ denominator, or null when the denominator is zero. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** The [p50, p90] pair of quantilesExactInclusive, or nulls when nothing was measured. */
export function quantilePair(v: Num[] | null | undefined, n: number): [number | null, number | null] {
  if (!v || n === 0) return [null, null];
  return [numOrNull(v[0]), numOrNull(v[1])];
}
