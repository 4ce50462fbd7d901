/**
 * Shapes shared by the alert engine, its stores, delivery and the API. An alert is one
 * identity (fingerprint = rule + subject); an episode is one pending → firing → resolved run of
 * it; every change is a transition event that travels with its evidence.
 */

export const AUDIENCES = ['ops', 'category_manager', 'host'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** States stored by the engine. `acknowledged` is derived: firing + an ack of the episode. */
export type StoredState = 'pending' | 'firing' | 'resolved' | 'inactive';
export type AlertStateName = StoredState | 'acknowledged';

export const TRANSITIONS = ['pending', 'firing', 'repeat', 'acknowledged', 'resolved', 'inactive'] as const;
export type Transition = (typeof TRANSITIONS)[number];

export type Labels = Record<string, string>;

/** The numbers behind an alert, the window they cover, what to do and where to look. */
export interface Evidence {
  /** One line for a feed or a chat message (zh-CN). */
  summary: string;
  window: { from: string; to: string };
  numbers: Record<string, number | string | null>;
  /** The significance test, when the rule uses one. */
  test?: { name: string; null_rate: number; p_value: number; alpha: number };
  action: string;
  /** Dashboard path (hash route) and API path to drill down. */
  drilldown: { dashboard: string; api?: string };
  /** Anything else a rule wants to show (sample refund ids, transcript snippet…). */
  details?: Record<string, unknown>;
}

/** One group (subject) a rule looked at in one window. */
export interface GroupResult {
  /** Identity labels of the subject, e.g. { sku_id }. */
  subject: Labels;
  /** Subject plus context labels used for routing, scope and silences (category, shop_id…). */
  labels: Labels;
  /** The rule's condition holds for this group in this window. */
  met: boolean;
  /** Why it did or did not meet the condition (kept for near misses in evaluation history). */
  why: string;
  /** How close to firing (≥ 1 means over the threshold); orders near misses. */
  score: number;
  evidence: Evidence;
}

export interface RuleEvaluation {
  window: { from: number; to: number };
  groups: GroupResult[];
}

/** The engine's record of one alert identity (one row of alert_state). */
export interface AlertRecord {
  fingerprint: string;
  rule: string;
  subject: Labels;
  labels: Labels;
  audiences: Audience[];
  severity: Severity;
  title: string;
  state: StoredState;
  episode: string;
  pendingCount: number;
  startedAt: number;
  firedAt: number | null;
  resolvedAt: number | null;
  resolvedBy: string;
  lastEvalAt: number;
  lastNotifiedAt: number | null;
  notifyCount: number;
  evidence: Evidence;
}

/** One transition, as stored in alert_events and sent to SSE clients and webhooks. */
export interface AlertEvent {
  eventId: string;
  fingerprint: string;
  rule: string;
  episode: string;
  transition: Transition;
  from: AlertStateName | 'none';
  to: AlertStateName;
  at: number;
  subject: Labels;
  labels: Labels;
  audiences: Audience[];
  severity: Severity;
  title: string;
  evidence: Evidence;
  actor: string;
  silencedBy: string[];
  /** Server insert time (µs precision string) — the feed cursor; absent before it is stored. */
  recordedAt?: string;
}

/** A human action on an episode (alert_actions). */
export interface AlertAction {
  fingerprint: string;
  episode: string;
  action: 'acknowledge' | 'resolve';
  actor: string;
  comment: string;
  at: number;
}

export type MatchOp = '=' | '!=' | '=~' | '!~';
export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
}

export interface Silence {
  id: string;
  matchers: Matcher[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
  createdAt: number;
  updatedAt: number;
}

/** Milliseconds since the epoch; injected so tests and backtests control time. */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

/** The group an alert belongs to (grouping.ts): key = hash of rule + groupBy values. */
export interface GroupRef {
  key: string;
  labels: Labels;
}

export type MemberState = 'firing' | 'acknowledged' | 'resolved';

/** One alert as listed in a group notification. */
export interface GroupMember {
  fingerprint: string;
  episode: string;
  subject: Labels;
  labels: Labels;
  state: MemberState;
  /** What happened to it since the group's previous notification (null: nothing, listed for context). */
  change: MemberState | null;
  firedAt: number | null;
  resolvedAt: number | null;
  evidence: Evidence;
}

/**
 * One notification of a group (alert_group_notifications): `new` = the group's first after
 * group_wait, `update` = changes after group_interval, `repeat` = unchanged after repeat_interval.
 * Members are every unsilenced firing/acknowledged alert of the group plus the ones resolved
 * since the previous notification.
 */
export interface GroupNotification {
  id: string;
  key: string;
  rule: string;
  labels: Labels;
  seq: number;
  kind: 'new' | 'update' | 'repeat';
  at: number;
  title: string;
  severity: Severity;
  audiences: Audience[];
  members: GroupMember[];
  /** Server insert time, as AlertEvent.recordedAt. */
  recordedAt?: string;
}

/** What the grouper remembers of a group between flushes (alert_groups). */
export interface GroupState {
  key: string;
  rule: string;
  labels: Labels;
  /** Notifications sent so far. */
  seq: number;
  lastNotifiedAt: number | null;
  /** Members listed as firing / acknowledged in the last notification, by fingerprint. */
  members: Record<string, { episode: string; state: 'firing' | 'acknowledged' }>;
}
