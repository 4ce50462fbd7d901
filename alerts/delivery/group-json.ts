import type { Evidence, GroupMember, GroupNotification, Labels } from '../types.ts';

/**
 * The public JSON of a group notification (snake_case, ISO times): one shape for the SSE
 * `alert_group` event and the generic webhook, like present.ts is for single transitions.
 */

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export interface GroupMemberJson {
  fingerprint: string;
  episode: string;
  subject: Labels;
  labels: Labels;
  state: GroupMember['state'];
  change: GroupMember['change'];
  fired_at: string | null;
  resolved_at: string | null;
  summary: string;
  evidence: Evidence;
}

export interface GroupNotificationJson {
  notification_id: string;
  group: { key: string; labels: Labels };
  rule: string;
  title: string;
  severity: string;
  audiences: string[];
  seq: number;
  kind: GroupNotification['kind'];
  at: string;
  /** firing while any listed member is firing or acknowledged. */
  status: 'firing' | 'resolved';
  counts: { firing: number; acknowledged: number; resolved: number };
  members: GroupMemberJson[];
}

export function groupNotificationJson(n: GroupNotification): GroupNotificationJson {
  const count = (s: GroupMember['state']) => n.members.filter((m) => m.state === s).length;
  const counts = { firing: count('firing'), acknowledged: count('acknowledged'), resolved: count('resolved') };
  return {
    notification_id: n.id,
    group: { key: n.key, labels: n.labels },
    rule: n.rule,
    title: n.title,
    severity: n.severity,
    audiences: n.audiences,
    seq: n.seq,
    kind: n.kind,
    at: new Date(n.at).toISOString(),
    status: counts.firing + counts.acknowledged > 0 ? 'firing' : 'resolved',
    counts,
    members: n.members.map((m) => ({
      fingerprint: m.fingerprint,
      episode: m.episode,
      subject: m.subject,
      labels: m.labels,
      state: m.state,
      change: m.change,
      fired_at: iso(m.firedAt),
      resolved_at: iso(m.resolvedAt),
      summary: m.evidence.summary,
      evidence: m.evidence,
    })),
  };
}

/**
 * The part of a notification one receiver gets: the members it may see (a channel's matchers,
 * an SSE token's scope), and only if one of those changed in a way it wants to hear about (or
 * the notification is a repeat it wants) — so a category manager is not told "your group
 * changed" when only another category's member did. undefined = nothing to send.
 */
export function groupViewFor(
  n: GroupNotification,
  visible: (m: GroupMember) => boolean,
  wants: readonly string[],
): GroupNotification | undefined {
  const members = n.members.filter(visible);
  if (members.length === 0) return undefined;
  const relevant = n.kind === 'repeat' ? wants.includes('repeat') : members.some((m) => m.change !== null && wants.includes(m.change));
  return relevant ? { ...n, members } : undefined;
}
