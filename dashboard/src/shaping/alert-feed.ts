import type { AlertEventJson, AlertJson, Evidence } from '../api/live-types.ts';

/**
 * The live alert feed: one row per alert (fingerprint), showing its latest state. Rows start
 * from the alert list and every SSE transition updates (or adds) its row, newest first; a
 * transition older than what the row already shows is ignored (reconnect replays).
 */

export interface FeedItem {
  fingerprint: string;
  rule: string;
  title: string;
  severity: string;
  state: string;
  /** When the row last changed (ms). */
  at: number;
  /** Structured evidence: the row's text is rendered from it in the UI language (shaping/alert-text.ts). */
  evidence: Evidence;
  subject: Record<string, string>;
  labels: Record<string, string>;
  /** The group the engine puts the alert in (issue #15 item 4); absent from an older API. */
  group?: AlertGroupRef;
  drilldown: string;
  actor: string;
  silenced: boolean;
  /** Arrived over SSE while the page was open (highlighted briefly). */
  live: boolean;
  eventIds: string[];
}

/** `group` of GET /v1/alerts and SSE alert events: a stable key of rule + the rule's group_by label values. */
export interface AlertGroupRef {
  key: string;
  labels: Record<string, string>;
}

export const FEED_MAX = 100;

export function fromAlert(a: AlertJson): FeedItem {
  const at = Date.parse(a.acknowledged_at ?? a.resolved_at ?? a.fired_at ?? a.started_at ?? a.last_evaluated_at ?? '') || 0;
  return {
    fingerprint: a.fingerprint,
    rule: a.rule,
    title: a.title,
    severity: a.severity,
    state: a.state,
    at,
    evidence: a.evidence,
    subject: a.subject,
    labels: a.labels,
    ...(a.group ? { group: a.group } : {}),
    drilldown: a.evidence.drilldown.dashboard,
    actor: a.acknowledged_by ?? a.resolved_by ?? '',
    silenced: a.silenced_by.length > 0,
    live: false,
    eventIds: [],
  };
}

export function initialFeed(alerts: AlertJson[]): FeedItem[] {
  return alerts
    .map(fromAlert)
    .sort((a, b) => b.at - a.at)
    .slice(0, FEED_MAX);
}

/** Applies one transition; returns the same array when nothing changed. */
export function applyEvent(feed: FeedItem[], e: AlertEventJson): FeedItem[] {
  const at = Date.parse(e.at) || 0;
  const i = feed.findIndex((f) => f.fingerprint === e.fingerprint);
  const old = i === -1 ? undefined : feed[i];
  if (old && (old.eventIds.includes(e.event_id) || old.at > at)) return feed;
  // A repeat notification leaves the state as it is; everything else moves it.
  const state = e.transition === 'repeat' ? (old?.state ?? e.to) : e.to;
  const item: FeedItem = {
    fingerprint: e.fingerprint,
    rule: e.rule,
    title: e.title,
    severity: e.severity,
    state,
    at,
    evidence: e.evidence,
    subject: e.subject,
    labels: e.labels,
    ...(e.group ? { group: e.group } : old?.group ? { group: old.group } : {}),
    drilldown: e.evidence.drilldown.dashboard,
    actor: e.actor,
    silenced: e.silenced_by.length > 0,
    live: true,
    eventIds: [...(old?.eventIds ?? []).slice(-20), e.event_id],
  };
  const rest = feed.filter((f) => f.fingerprint !== e.fingerprint);
  return [item, ...rest].sort((a, b) => b.at - a.at).slice(0, FEED_MAX);
}

/** Open problems first in counts: firing and not yet acknowledged. */
export function countByState(feed: FeedItem[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of feed) out[f.state] = (out[f.state] ?? 0) + 1;
  return out;
}

/**
 * A fresh alert list (periodic reload) merged with the feed on screen: the list wins, except
 * where a live transition on screen is newer than what the list says.
 */
export function mergeList(feed: FeedItem[], alerts: AlertJson[]): FeedItem[] {
  const fresh = initialFeed(alerts);
  const byFp = new Map(fresh.map((f) => [f.fingerprint, f]));
  for (const f of feed) {
    const listed = byFp.get(f.fingerprint);
    if (f.live && (!listed || f.at > listed.at)) byFp.set(f.fingerprint, f);
  }
  return [...byFp.values()].sort((a, b) => b.at - a.at).slice(0, FEED_MAX);
}

/** Whether an alert concerns the dashboard's filters (labels it has; an absent label passes). */
export function matchesFilters(item: { labels: Record<string, string> }, query: Record<string, string>): boolean {
  for (const k of ['category', 'shop_id', 'host_id', 'live_session_id'] as const) {
    const want = query[k];
    const have = item.labels[k];
    if (want && have !== undefined && have !== want) return false;
  }
  return true;
}
