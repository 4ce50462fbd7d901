import { binomialUpperTail, wilsonInterval } from './binomial.ts';

/**
 * One verdict for "is this rate high?", shared by the alert rules and by every table that marks
 * a row as high (DESIGN §5: "wherever a table marks a value as high, it uses the same test as
 * the rule that watches it"). It lives outside alerts/ so kpi/ and api/ can call it without
 * importing alerts internals.
 *
 * The test is the rules' one: k of n trials (late shipments of due, returns of orders) against
 * a baseline rate (the rest of the country / category / the host's other sessions); the row is
 * `high` when n ≥ minN, the rate exceeds ratio × baseline, and the one-sided exact binomial
 * tail P(X ≥ k | n, ratio × baseline) is below alpha — H0 sits at the threshold, not at the
 * baseline, so a large sample just above the threshold is not called high on size alone.
 * `too_few` means the row cannot be judged: fewer than minN trials, or no baseline at all
 * (nothing else to compare with). Everything else is `normal`.
 */

export type VerdictLevel = 'high' | 'normal' | 'too_few';

/** Why a row is not `high`, as codes (callers word them; the rules put them in their history). */
export type VerdictMiss = 'no_baseline' | 'below_min_n' | 'not_above_ratio' | 'not_significant';

export interface RateVerdictInput {
  /** Successes: late shipments, returns. */
  k: number;
  /** Trials: shipments due, orders. */
  n: number;
  /** Reference rate (k ÷ n of everything else); null when there is nothing else. */
  baseline: number | null;
  /** Threshold multiple of the baseline (the rule's `ratio`). */
  ratio: number;
  /** Fewest trials a verdict needs (the rule's minDue / minOrders). */
  minN: number;
  /** Significance level of the one-sided test. */
  alpha: number;
}

export interface RateVerdict {
  level: VerdictLevel;
  /** k ÷ n (0 when n = 0). */
  rate: number;
  baseline: number | null;
  /** Observed rate ÷ baseline; null when it is not a finite number (no baseline, or baseline 0). */
  ratio: number | null;
  n: number;
  k: number;
  /** P(X ≥ k | n, null_rate); 1 when there is no baseline. */
  p_value: number;
  /** Wilson 95 % interval of the rate. */
  ci_low: number;
  ci_high: number;
  min_n: number;
  alpha: number;
  /** The configured multiple and the null rate it gives (min(1, ratio × baseline)). */
  threshold_ratio: number;
  null_rate: number;
  /** Every condition that kept the row from `high`; empty exactly when level is `high`. */
  missed: VerdictMiss[];
}

export function rateVerdict(input: RateVerdictInput): RateVerdict {
  const { k, n, baseline, ratio: threshold, minN, alpha } = input;
  const hasBaseline = baseline !== null && Number.isFinite(baseline);
  const base = hasBaseline ? baseline : 0;
  const rate = n > 0 ? k / n : 0;
  const nullRate = Math.min(1, threshold * base);
  const pValue = hasBaseline ? binomialUpperTail(k, n, nullRate) : 1;
  // Observed multiple: a positive rate over a zero baseline is infinitely above it (and passes
  // the ratio check, as in the rules); it is reported as null because JSON has no Infinity.
  const observed = base > 0 ? rate / base : rate > 0 ? Number.POSITIVE_INFINITY : 0;
  const missed: VerdictMiss[] = [];
  if (!hasBaseline) missed.push('no_baseline');
  if (n < minN) missed.push('below_min_n');
  if (!(observed > threshold)) missed.push('not_above_ratio');
  if (!(pValue < alpha)) missed.push('not_significant');
  const level: VerdictLevel =
    missed.includes('no_baseline') || missed.includes('below_min_n') ? 'too_few' : missed.length === 0 ? 'high' : 'normal';
  const ci = wilsonInterval(k, n);
  return {
    level,
    rate,
    baseline: hasBaseline ? base : null,
    ratio: hasBaseline && Number.isFinite(observed) ? observed : null,
    n,
    k,
    p_value: pValue,
    ci_low: ci.low,
    ci_high: ci.high,
    min_n: minN,
    alpha,
    threshold_ratio: threshold,
    null_rate: nullRate,
    missed,
  };
}

/**
 * Leave-one-out baseline: the rate of everything except this row (the rules compare a region
 * with the rest of the country, a SKU with the rest of its category), null when nothing is left.
 */
export function restBaseline(totalK: number, totalN: number, k: number, n: number): number | null {
  const restN = totalN - n;
  return restN > 0 ? (totalK - k) / restN : null;
}
