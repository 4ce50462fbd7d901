import { episodeOf, eventIdOf, fingerprintOf } from './fingerprint.ts';
import type { AlertAction, AlertEvent, AlertRecord, AlertStateName, Audience, GroupResult, Labels, Severity, Transition } from './types.ts';

/**
 * The alert lifecycle as a pure function, so the live engine, the backtest and the tests run
 * the same code:
 *
 *   (none | resolved | inactive) ──condition──► pending ──N consecutive windows──► firing
 *   pending ──condition clears──► inactive            (never notified, nothing to resolve)
 *   firing ──ack (API)──► acknowledged                (derived: firing + an ack of the episode)
 *   firing | acknowledged ──condition clears / group gone──► resolved
 *   firing | acknowledged ──resolve (API)──► resolved (the condition must then hold N windows again)
 *   firing, unacknowledged, still true after repeatInterval ──► repeat notification
 */

export interface RulePolicy {
  id: string;
  title: string;
  severity: Severity;
  audiences: Audience[];
  pendingWindows: number;
  repeatIntervalMinutes: number;
}

/** Human actions recorded for the episode of `prev` (alert_actions). */
export interface EpisodeActions {
  acknowledged?: AlertAction;
  resolved?: AlertAction;
}

export interface StepInput {
  rule: RulePolicy;
  /** The stored record of this identity, if any. */
  prev: AlertRecord | undefined;
  /** The group as evaluated in this window; undefined when the rule no longer returns it. */
  group: GroupResult | undefined;
  /** Subject, when `group` is undefined (the identity must come from `prev` then). */
  at: number;
  actions?: EpisodeActions;
}

export interface StepOutput {
  /** The record to store, or undefined when nothing changed. */
  record: AlertRecord | undefined;
  events: AlertEvent[];
}

export function effectiveState(record: AlertRecord, actions: EpisodeActions | undefined): AlertStateName {
  return record.state === 'firing' && actions?.acknowledged ? 'acknowledged' : record.state;
}

export function step(input: StepInput): StepOutput {
  const { rule, group, at } = input;
  const events: AlertEvent[] = [];
  // A resolve from the API ends the episode; its event was written by the API already.
  const byHand = input.prev?.state === 'firing' ? input.actions?.resolved : undefined;
  const prev: AlertRecord | undefined =
    input.prev && byHand ? { ...input.prev, state: 'resolved', resolvedAt: byHand.at, resolvedBy: byHand.actor, pendingCount: 0 } : input.prev;
  const changed = prev !== input.prev;
  const acked = prev?.state === 'firing' && input.actions?.acknowledged !== undefined;
  const active = group?.met === true;
  const open = prev !== undefined && (prev.state === 'pending' || prev.state === 'firing');

  if (!open) {
    if (!active) return { record: changed ? prev : undefined, events };
    const subject = group.subject;
    const fingerprint = fingerprintOf(rule.id, subject);
    const episode = episodeOf(fingerprint, at);
    const firing = rule.pendingWindows <= 1;
    const record: AlertRecord = {
      fingerprint,
      rule: rule.id,
      subject,
      labels: group.labels,
      audiences: rule.audiences,
      severity: rule.severity,
      title: rule.title,
      state: firing ? 'firing' : 'pending',
      episode,
      pendingCount: 1,
      startedAt: at,
      firedAt: firing ? at : null,
      resolvedAt: null,
      resolvedBy: '',
      lastEvalAt: at,
      lastNotifiedAt: firing ? at : null,
      notifyCount: firing ? 1 : 0,
      evidence: group.evidence,
    };
    events.push(eventOf(record, firing ? 'firing' : 'pending', prev ? prev.state : 'none', at, 0));
    return { record, events };
  }

  const base: AlertRecord = { ...prev, lastEvalAt: at, ...(group ? { labels: group.labels, evidence: group.evidence } : {}) };
  const from: AlertStateName = acked ? 'acknowledged' : prev.state;

  if (!active) {
    if (prev.state === 'pending') {
      const record: AlertRecord = { ...base, state: 'inactive', pendingCount: 0 };
      events.push(eventOf(record, 'inactive', from, at, 0));
      return { record, events };
    }
    const record: AlertRecord = { ...base, state: 'resolved', resolvedAt: at, resolvedBy: 'engine', pendingCount: 0 };
    events.push(eventOf(record, 'resolved', from, at, 0));
    return { record, events };
  }

  if (prev.state === 'pending') {
    const count = prev.pendingCount + 1;
    if (count >= rule.pendingWindows) {
      const record: AlertRecord = { ...base, state: 'firing', pendingCount: count, firedAt: at, lastNotifiedAt: at, notifyCount: 1 };
      events.push(eventOf(record, 'firing', 'pending', at, 0));
      return { record, events };
    }
    return { record: { ...base, pendingCount: count }, events };
  }

  // Firing and still true: re-notify after the repeat interval, unless someone acknowledged it.
  const repeatMs = rule.repeatIntervalMinutes * 60_000;
  if (!acked && repeatMs > 0 && prev.lastNotifiedAt !== null && at - prev.lastNotifiedAt >= repeatMs) {
    const record: AlertRecord = { ...base, lastNotifiedAt: at, notifyCount: prev.notifyCount + 1 };
    events.push(eventOf(record, 'repeat', 'firing', at, prev.notifyCount));
    return { record, events };
  }
  return { record: base, events };
}

export function eventOf(record: AlertRecord, transition: Transition, from: AlertStateName | 'none', at: number, n: number, actor = 'engine'): AlertEvent {
  const to: AlertStateName = transition === 'repeat' ? 'firing' : transition === 'acknowledged' ? 'acknowledged' : (transition as AlertStateName);
  return {
    eventId: eventIdOf(record.fingerprint, record.episode, transition, n),
    fingerprint: record.fingerprint,
    rule: record.rule,
    episode: record.episode,
    transition,
    from,
    to,
    at,
    subject: record.subject,
    labels: record.labels,
    audiences: record.audiences,
    severity: record.severity,
    title: record.title,
    evidence: record.evidence,
    actor,
    silencedBy: [],
  };
}

/** Labels a silence or channel matcher sees: the alert's labels plus its rule and severity. */
export function matchLabels(alert: { rule: string; severity: string; labels: Labels }): Labels {
  return { ...alert.labels, alertname: alert.rule, rule: alert.rule, severity: alert.severity };
}
