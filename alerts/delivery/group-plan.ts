import { groupNotificationIdOf } from '../fingerprint.ts';
import type { GroupPolicy } from '../grouping.ts';
import type { AlertStateName, Audience, Evidence, GroupMember, GroupNotification, GroupState, Labels, Severity } from '../types.ts';

/**
 * When a group is notified, as a pure function (the grouper does the reading and writing):
 *
 *   new group (never notified, or emptied by its last notification) with a firing member:
 *       wait groupWait from the earliest member's fire time, so a burst collects → `new`
 *   notified group whose members changed (a member fired, was acknowledged or resolved):
 *       wait groupInterval from the previous notification → `update`
 *   unchanged group with a firing, unacknowledged member:
 *       re-send after repeatInterval → `repeat` (acknowledged members do not repeat, as before)
 *
 * "Changed" compares with the members of the previous notification (GroupState.members), not
 * with events, so the answer only depends on stored state and a restarted engine agrees.
 */

/** An alert as the grouper sees it now (a subset of store/state-store.ts AlertView). */
export interface CurrentAlert {
  fingerprint: string;
  episode: string;
  subject: Labels;
  labels: Labels;
  state: AlertStateName;
  startedAt: number;
  firedAt: number | null;
  resolvedAt: number | null;
  evidence: Evidence;
}

export interface PlanInput {
  policy: GroupPolicy;
  group: { key: string; labels: Labels; title: string; severity: Severity; audiences: Audience[] };
  state: GroupState | undefined;
  /** Unsilenced firing / acknowledged alerts of the group now. */
  current: readonly CurrentAlert[];
  /**
   * Members of the previous notification that are no longer current, as stored now: resolved
   * ones are reported once; one still firing (silenced meanwhile, or moved to another group
   * by a groupBy edit) or missing is dropped without a message.
   */
  gone: ReadonlyMap<string, CurrentAlert | undefined>;
  now: number;
}

export type PlanOutput =
  | { send: false; dueAt: number | null }
  | { send: true; notification: GroupNotification; state: GroupState };

export function planGroup(input: PlanInput): PlanOutput {
  const { policy, group, state, current, gone, now } = input;
  const prev = state?.members ?? {};
  const members: GroupMember[] = [];
  let changed = false;
  let earliestFire = Number.POSITIVE_INFINITY;

  for (const a of current) {
    const was = prev[a.fingerprint];
    const stateNow = a.state === 'acknowledged' ? 'acknowledged' : 'firing';
    const change = !was || was.episode !== a.episode ? 'firing' : was.state !== stateNow ? stateNow : null;
    if (change) changed = true;
    if (change === 'firing') earliestFire = Math.min(earliestFire, a.firedAt ?? a.startedAt);
    members.push(memberOf(a, stateNow, change));
  }
  for (const [fp, was] of Object.entries(prev)) {
    if (current.some((a) => a.fingerprint === fp)) continue;
    const a = gone.get(fp);
    // Resolved, cleared before firing again (pending / inactive) or a newer episode: resolved.
    const ended = a !== undefined && (a.episode !== was.episode || !(a.state === 'firing' || a.state === 'acknowledged'));
    if (!ended) continue;
    changed = true;
    members.push(memberOf({ ...a, episode: was.episode }, 'resolved', 'resolved'));
  }

  const fresh = !state || state.lastNotifiedAt === null || Object.keys(prev).length === 0;
  let kind: GroupNotification['kind'];
  if (changed) {
    const dueAt = fresh ? (Number.isFinite(earliestFire) ? earliestFire : now) + policy.groupWaitMs : state!.lastNotifiedAt! + policy.groupIntervalMs;
    if (now < dueAt) return { send: false, dueAt };
    kind = fresh ? 'new' : 'update';
  } else {
    const firing = members.some((m) => m.state === 'firing');
    if (!firing || fresh || policy.repeatIntervalMs <= 0) return { send: false, dueAt: null };
    const dueAt = state!.lastNotifiedAt! + policy.repeatIntervalMs;
    if (now < dueAt) return { send: false, dueAt };
    kind = 'repeat';
  }
  if (members.length === 0) return { send: false, dueAt: null };

  const seq = (state?.seq ?? 0) + 1;
  members.sort(memberOrder);
  const notification: GroupNotification = {
    id: groupNotificationIdOf(group.key, seq),
    key: group.key,
    rule: policy.rule,
    labels: group.labels,
    seq,
    kind,
    at: now,
    title: group.title,
    severity: group.severity,
    audiences: group.audiences,
    members,
  };
  const next: GroupState = {
    key: group.key,
    rule: policy.rule,
    labels: group.labels,
    seq,
    lastNotifiedAt: now,
    members: Object.fromEntries(
      members.filter((m) => m.state !== 'resolved').map((m) => [m.fingerprint, { episode: m.episode, state: m.state as 'firing' | 'acknowledged' }]),
    ),
  };
  return { send: true, notification, state: next };
}

function memberOf(a: CurrentAlert, state: GroupMember['state'], change: GroupMember['change']): GroupMember {
  return {
    fingerprint: a.fingerprint,
    episode: a.episode,
    subject: a.subject,
    labels: a.labels,
    state,
    change,
    firedAt: a.firedAt,
    resolvedAt: state === 'resolved' ? a.resolvedAt : null,
    evidence: a.evidence,
  };
}

/** What changed first (new firing, then acknowledged, then resolved), then unchanged; by fingerprint within. */
const RANK: Record<string, number> = { firing: 0, acknowledged: 1, resolved: 2 };
function memberOrder(a: GroupMember, b: GroupMember): number {
  const ra = a.change === null ? 3 : RANK[a.change]!;
  const rb = b.change === null ? 3 : RANK[b.change]!;
  return ra - rb || (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0);
}
