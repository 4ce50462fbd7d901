/**
 * The significance test behind the rate rules (high-return SKU, regional delay, session spike):
 * a one-sided exact binomial test.
 *
 * Why this test: each order (shipment) is one trial that either was returned (late) or not.
 * The rules ask "is this SKU's rate above ratio × its category's?", so they test
 * H0: p ≤ ratio × p0 against H1: p > ratio × p0 (p0 = the rate of the rest of the category),
 * with the exact tail P(X ≥ k | n, ratio × p0). With the small samples a rule must not fire on
 * (30 orders, a handful of returns) a normal approximation is badly off in the tail, while the
 * exact tail costs a few hundred log-space terms. Testing against the threshold rather than
 * p0 itself means a large SKU sitting just above 1.5× does not fire on sample size alone — what
 * is significant is the excess over the threshold. Small samples: 2 returns of 3 orders
 * against a 10 % category (null 15 %) gives p ≈ 0.061, 10 of 30 gives p ≈ 0.0097 (9 of 30: 0.028) — alpha,
 * not a hand-tuned minimum, keeps the 2-of-3 flukes out. (A Wilson lower bound above the
 * threshold gives nearly the same decision but no p-value to show; it is shown beside the rate.)
 */

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; ~15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = 0.99999999999980993;
  const t = z + 7.5;
  for (let i = 0; i < LANCZOS.length; i++) a += LANCZOS[i]! / (z + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function logBinomialPmf(n: number, k: number, logP: number, logQ: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * logP + (n - k) * logQ;
}

/** P(X ≥ k) for X ~ Binomial(n, p): the one-sided p-value of observing k or more. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 0) throw new RangeError(`binomialUpperTail: bad k=${k} n=${n}`);
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  const mode = Math.floor((n + 1) * p);
  // Sum from k upward; past the mode the terms only shrink, so stop once they stop mattering.
  let sum = 0;
  for (let i = k; i <= n; i++) {
    const term = Math.exp(logBinomialPmf(n, i, logP, logQ));
    sum += term;
    if (i > mode && term < sum * 1e-16) break;
  }
  return Math.min(1, sum);
}

/** Wilson score interval of a proportion (z = 1.96 → 95 %), shown beside the rate in evidence. */
export function wilsonInterval(successes: number, n: number, z = 1.96): { low: number; high: number } {
  if (n <= 0) return { low: 0, high: 1 };
  const phat = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (phat + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((phat * (1 - phat)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Rounds for display in evidence (keeps tiny p-values readable). */
export function round(x: number, digits = 4): number {
  if (!Number.isFinite(x)) return x;
  if (x !== 0 && Math.abs(x) < 10 ** -digits) return Number(x.toPrecision(3));
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
