import type { ClickHouseClient } from '../../warehouse/client.ts';
import type { AlertEvent, AlertStateName, Audience, Evidence, Labels, Severity, Transition } from '../types.ts';
import { chTime, fromChTime, insertRows, sqlRows } from './ch.ts';

interface EventRow {
  event_id: string;
  fingerprint: string;
  rule: string;
  episode: string;
  transition: string;
  from_state: string;
  to_state: string;
  at: string;
  subject: string;
  labels: Labels;
  audiences: string[];
  severity: string;
  title: string;
  evidence: string;
  actor: string;
  silenced_by: string[];
  recorded_at: string;
}

function toRow(e: AlertEvent): object {
  return {
    event_id: e.eventId,
    fingerprint: e.fingerprint,
    rule: e.rule,
    episode: e.episode,
    transition: e.transition,
    from_state: e.from,
    to_state: e.to,
    at: new Date(e.at).toISOString(),
    subject: JSON.stringify(e.subject),
    labels: e.labels,
    audiences: e.audiences,
    severity: e.severity,
    title: e.title,
    evidence: JSON.stringify(e.evidence),
    actor: e.actor,
    silenced_by: e.silencedBy,
  };
}

function fromRow(row: EventRow): AlertEvent {
  return {
    eventId: row.event_id,
    fingerprint: row.fingerprint,
    rule: row.rule,
    episode: row.episode,
    transition: row.transition as Transition,
    from: row.from_state as AlertStateName | 'none',
    to: row.to_state as AlertStateName,
    at: fromChTime(row.at),
    subject: JSON.parse(row.subject) as Labels,
    labels: row.labels,
    audiences: row.audiences as Audience[],
    severity: row.severity as Severity,
    title: row.title,
    evidence: JSON.parse(row.evidence) as Evidence,
    actor: row.actor,
    silencedBy: row.silenced_by,
    recordedAt: row.recorded_at,
  };
}

/** alert_events: the transition history every reader (SSE feed, webhooks, API) works from. */
export class EventStore {
  constructor(private readonly client: ClickHouseClient) {}

  async append(events: AlertEvent[]): Promise<void> {
    await insertRows(this.client, 'alert_events', events.map(toRow));
  }

  /** Events stored after `after` (a recorded_at value, µs), oldest first. */
  async since(after: string, limit = 1000): Promise<AlertEvent[]> {
    return (await sqlRows<EventRow>(this.client, 'events_since', { after, limit })).map(fromRow);
  }

  async history(fingerprint: string, limit = 500): Promise<AlertEvent[]> {
    return (await sqlRows<EventRow>(this.client, 'alert_history', { fingerprint, limit })).map(fromRow);
  }

  async between(from: number, to: number, transitions: readonly Transition[], limit = 10_000): Promise<AlertEvent[]> {
    return (
      await sqlRows<EventRow>(this.client, 'events_between', { from: chTime(from), to: chTime(to), transitions: [...transitions], limit })
    ).map(fromRow);
  }

  /** The server's clock as a recorded_at cursor: "everything stored from now on". */
  async serverNow(): Promise<string> {
    const rs = await this.client.query({ query: "SELECT toString(now64(6, 'UTC')) AS now", format: 'JSONEachRow' });
    const [row] = await rs.json<{ now: string }>();
    if (!row) throw new Error('server clock query returned nothing');
    return row.now;
  }
}
