/**
 * Leave-one-out baseline matched by stratum (indirect standardisation): the rate a member would
 * have if each of its trials succeeded at the rate of the REST of its group in the same stratum.
 *
 * Why: a return rate of an order cohort grows with the cohort's age (refunds arrive for weeks),
 * and live-stream sales come in bursts, so a SKU sold mostly early in a 7-day window shows a
 * higher rate than its category for no reason but age. Compared day by day of order, that bias
 * is gone. The same holds for any rate whose trials mature at different speeds.
 *
 * A member may span several groups (a host selling in two categories): each of its strata is
 * matched within its own group, so the baseline is also adjusted for its category mix.
 *
 * A stratum where the rest of the group has no trials falls back to the rest of the group over
 * all strata, so a member alone on a day is still judged (against its group as a whole). When
 * the rest of one of the member's groups has no trials at all there is nothing to compare
 * with: the baseline is null.
 */

export interface StratumCount {
  /** The member judged (a SKU). */
  member: string;
  /** Its reference group (the SKU's category). */
  group: string;
  /** The stratum (the UTC day of order). */
  stratum: string | number;
  /** Trials and successes of the member in the stratum (orders, returns). */
  n: number;
  k: number;
}

export interface MatchedBaseline {
  member: string;
  /** The member's group; of several, the one with most of its trials. */
  group: string;
  n: number;
  k: number;
  /** Σ over strata of n × rest rate, ÷ n; null when the rest of a group has no trials at all. */
  baseline: number | null;
  /** The rest of the member's groups over all strata, unmatched (shown beside the matched one). */
  restN: number;
  restK: number;
}

type Counts = { n: number; k: number };

/** Trials and successes of every group, per stratum and in all: the totals members are judged in. */
export interface GroupTotals {
  byStratum: Map<string, Counts>;
  byGroup: Map<string, Counts>;
}

export function groupTotals(rows: readonly Omit<StratumCount, 'member'>[]): GroupTotals {
  const totals: GroupTotals = { byStratum: new Map(), byGroup: new Map() };
  for (const r of rows) {
    add(totals.byStratum, stratumKey(r), r);
    add(totals.byGroup, r.group, r);
  }
  return totals;
}

/**
 * One member's matched baseline, its own strata `own` taken out of `totals` (which include
 * them). Strata the totals lack count as having no rest.
 */
export function matchedBaseline(member: string, own: readonly Omit<StratumCount, 'member'>[], totals: GroupTotals): MatchedBaseline {
  const ownByGroup = new Map<string, Counts>();
  let n = 0;
  let k = 0;
  for (const s of own) {
    add(ownByGroup, s.group, s);
    n += s.n;
    k += s.k;
  }
  let restN = 0;
  let restK = 0;
  let noRest = ownByGroup.size === 0;
  const restOfGroup = new Map<string, Counts>();
  for (const [g, o] of ownByGroup) {
    const t = totals.byGroup.get(g) ?? { n: 0, k: 0 };
    const rest = { n: t.n - o.n, k: t.k - o.k };
    if (rest.n <= 0) noRest = true;
    restOfGroup.set(g, rest);
    restN += rest.n;
    restK += rest.k;
  }
  let expected = 0;
  if (!noRest) {
    for (const s of own) {
      const t = totals.byStratum.get(stratumKey(s)) ?? { n: 0, k: 0 };
      const rn = t.n - s.n;
      const g = restOfGroup.get(s.group)!;
      expected += s.n * (rn > 0 ? (t.k - s.k) / rn : g.k / g.n);
    }
  }
  let group = '';
  let most = -1;
  for (const [g, o] of ownByGroup) {
    if (o.n > most || (o.n === most && g > group)) [group, most] = [g, o.n];
  }
  const baseline = noRest ? null : n > 0 ? expected / n : restK / restN;
  return { member, group, n, k, baseline, restN, restK };
}

/** Every member of `rows` judged against the rest of its group, rows holding all members. */
export function stratumMatchedBaselines(rows: readonly StratumCount[]): MatchedBaseline[] {
  const totals = groupTotals(rows);
  const members = new Map<string, StratumCount[]>();
  for (const r of rows) {
    const list = members.get(r.member) ?? [];
    list.push(r);
    members.set(r.member, list);
  }
  return [...members].map(([member, own]) => matchedBaseline(member, own, totals));
}

const stratumKey = (r: { group: string; stratum: string | number }) => `${r.group}\u0000${r.stratum}`;

function add(map: Map<string, Counts>, key: string, r: Counts): void {
  const c = map.get(key) ?? { n: 0, k: 0 };
  c.n += r.n;
  c.k += r.k;
  map.set(key, c);
}
