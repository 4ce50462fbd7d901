import type { AlertView } from './store/state-store.ts';
import type { AlertEvent } from './types.ts';

/**
 * The public JSON of alerts and transitions (snake_case, ISO times): one shape for the REST
 * API, the SSE stream and the generic webhook, so a receiver parses one format.
 */

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export interface AlertEventJson {
  event_id: string;
  fingerprint: string;
  episode: string;
  rule: string;
  title: string;
  severity: string;
  transition: string;
  from: string;
  to: string;
  at: string;
  subject: Record<string, string>;
  labels: Record<string, string>;
  audiences: string[];
  evidence: AlertEvent['evidence'];
  actor: string;
  silenced_by: string[];
}

export function eventJson(e: AlertEvent): AlertEventJson {
  return {
    event_id: e.eventId,
    fingerprint: e.fingerprint,
    episode: e.episode,
    rule: e.rule,
    title: e.title,
    severity: e.severity,
    transition: e.transition,
    from: e.from,
    to: e.to,
    at: new Date(e.at).toISOString(),
    subject: e.subject,
    labels: e.labels,
    audiences: e.audiences,
    evidence: e.evidence,
    actor: e.actor,
    silenced_by: e.silencedBy,
  };
}

export function alertJson(a: AlertView, silencedBy: string[] = []) {
  return {
    fingerprint: a.fingerprint,
    rule: a.rule,
    title: a.title,
    severity: a.severity,
    state: a.state,
    episode: a.episode,
    subject: a.subject,
    labels: a.labels,
    audiences: a.audiences,
    pending_count: a.pendingCount,
    started_at: iso(a.startedAt),
    fired_at: iso(a.firedAt),
    resolved_at: iso(a.resolvedAt),
    resolved_by: a.resolvedBy || null,
    acknowledged_by: a.ackedBy,
    acknowledged_at: iso(a.ackedAt),
    ack_comment: a.ackComment,
    last_evaluated_at: iso(a.lastEvalAt),
    last_notified_at: iso(a.lastNotifiedAt),
    notify_count: a.notifyCount,
    silenced_by: silencedBy,
    evidence: a.evidence,
  };
}
