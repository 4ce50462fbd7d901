/**
 * Leave-one-out baseline matched by stratum (indirect standardisation): the rate a member would
 * have if each of its trials succeeded at the rate of the REST of its group in the same stratum.
 *
 * Why: a return rate of an order cohort grows with the cohort's age (refunds arrive for weeks),
 * and live-stream sales come in bursts, so a SKU sold mostly early in a 7-day window shows a
 * higher rate than its category for no reason but age. Compared day of age by day of age, that
 * bias is gone. The same holds for any rate whose trials mature at different speeds.
 *
 * A stratum where the rest of the group has no trials falls back to the rest of the group over
 * all strata, so a member alone on a day is still judged (against its group as a whole).
 */

export interface StratumCount {
  /** The member judged (a SKU). */
  member: string;
  /** Its reference group (the SKU's category). */
  group: string;
  /** The stratum (order age in days). */
  stratum: number;
  /** Trials and successes of the member in the stratum (orders, returns). */
  n: number;
  k: number;
}

export interface MatchedBaseline {
  member: string;
  group: string;
  n: number;
  k: number;
  /** Σ over strata of n × rest rate, ÷ n; null when the rest of the group has no trials at all. */
  baseline: number | null;
  /** The rest of the group over all strata, unmatched (shown beside the matched one). */
  restN: number;
  restK: number;
}

export function stratumMatchedBaselines(rows: readonly StratumCount[]): MatchedBaseline[] {
  const groupStratum = new Map<string, { n: number; k: number }>();
  const groupTotal = new Map<string, { n: number; k: number }>();
  const members = new Map<string, { group: string; n: number; k: number; strata: StratumCount[] }>();
  for (const r of rows) {
    add(groupStratum, `${r.group}\u0000${r.stratum}`, r);
    add(groupTotal, r.group, r);
    const m = members.get(r.member) ?? { group: r.group, n: 0, k: 0, strata: [] };
    m.n += r.n;
    m.k += r.k;
    m.strata.push(r);
    members.set(r.member, m);
  }
  const out: MatchedBaseline[] = [];
  for (const [member, m] of members) {
    const total = groupTotal.get(m.group)!;
    const restN = total.n - m.n;
    const restK = total.k - m.k;
    let expected = 0;
    if (restN > 0) {
      for (const s of m.strata) {
        const g = groupStratum.get(`${s.group}\u0000${s.stratum}`)!;
        const n = g.n - s.n;
        expected += s.n * (n > 0 ? (g.k - s.k) / n : restK / restN);
      }
    }
    out.push({ member, group: m.group, n: m.n, k: m.k, baseline: restN > 0 && m.n > 0 ? expected / m.n : restN > 0 ? restK / restN : null, restN, restK });
  }
  return out;
}

function add(map: Map<string, { n: number; k: number }>, key: string, r: { n: number; k: number }): void {
  const c = map.get(key) ?? { n: 0, k: 0 };
  c.n += r.n;
  c.k += r.k;
  map.set(key, c);
}
