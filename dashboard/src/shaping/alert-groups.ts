import type { Matcher } from '../api/live-types.ts';
import type { FeedItem } from './alert-feed.ts';

/**
 * The alert centre's grouped view (issue #15 item 4): alerts of one notification group — rule +
 * the rule's group_by label values, as the engine keys them (`group` on each alert) — shown as
 * one entry with counts per state, acked or silenced together.
 *
 * An API without grouping sends no `group`: then alerts are grouped by rule alone, the group's
 * silence is `rule=<rule>`, and its ack is one ack per firing member.
 */

export interface AlertGroup {
  key: string;
  /** Whether `key` is the engine's (POST /v1/alerts/groups/:key/ack works) or the fallback by rule. */
  serverKey: boolean;
  rule: string;
  /** The group_by label values shared by the members. */
  labels: Record<string, string>;
  members: FeedItem[];
  counts: Record<string, number>;
  /** The most severe member's severity. */
  severity: string;
  /** The newest member change (ms). */
  at: number;
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };
const rank = (s: string) => SEVERITY_RANK[s] ?? 3;

export function groupKeyOf(item: Pick<FeedItem, 'rule' | 'group'>): string {
  return item.group?.key ?? `rule:${item.rule}`;
}

/** Groups of the feed: open problems first (groups with firing members), then the newest. */
export function groupAlerts(items: FeedItem[]): AlertGroup[] {
  const byKey = new Map<string, AlertGroup>();
  for (const item of items) {
    const key = groupKeyOf(item);
    let g = byKey.get(key);
    if (!g) {
      g = { key, serverKey: item.group !== undefined, rule: item.rule, labels: item.group?.labels ?? {}, members: [], counts: {}, severity: item.severity, at: 0 };
      byKey.set(key, g);
    }
    g.members.push(item);
    g.counts[item.state] = (g.counts[item.state] ?? 0) + 1;
    if (rank(item.severity) < rank(g.severity)) g.severity = item.severity;
    g.at = Math.max(g.at, item.at);
  }
  for (const g of byKey.values()) g.members.sort((a, b) => b.at - a.at);
  return [...byKey.values()].sort((a, b) => Number((b.counts.firing ?? 0) > 0) - Number((a.counts.firing ?? 0) > 0) || b.at - a.at);
}

/** A group's silence: its rule and each of its group_by labels, all by equality. */
export function groupMatchers(g: Pick<AlertGroup, 'rule' | 'labels'>): Matcher[] {
  return [{ name: 'rule', op: '=', value: g.rule }, ...Object.entries(g.labels).map(([name, value]) => ({ name, op: '=' as const, value }))];
}

/** The firing members, which a group ack acknowledges. */
export function firingMembers(g: AlertGroup): FeedItem[] {
  return g.members.filter((m) => m.state === 'firing');
}

/** A `datetime-local` value (local time, minutes) for a moment. */
export function localInputValue(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A silence end chosen in a `datetime-local` input: the moment, or why it cannot be used. */
export function parseSilenceEnd(value: string, now: number): { ok: true; at: Date } | { ok: false; reason: 'empty' | 'invalid' | 'past' } {
  if (!value) return { ok: false, reason: 'empty' };
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return { ok: false, reason: 'invalid' };
  if (at.getTime() <= now) return { ok: false, reason: 'past' };
  return { ok: true, at };
}
