import type { ClickHouseClient } from '../../warehouse/client.ts';
import type { EpisodeActions } from '../lifecycle.ts';
import { scopeParams, type Viewer } from '../scope.ts';
import type { AlertAction, AlertRecord, AlertStateName, Audience, Evidence, Labels, Severity, StoredState } from '../types.ts';
import { chTime, fromChTime, insertRows, nextVersion, nullableTime, sqlRows } from './ch.ts';

interface StateRow {
  fingerprint: string;
  rule: string;
  subject: string;
  labels: Labels;
  audiences: string[];
  severity: string;
  title: string;
  state: string;
  episode: string;
  pending_count: number;
  started_at: string;
  fired_at: string | null;
  resolved_at: string | null;
  resolved_by: string;
  last_eval_at: string;
  last_notified_at: string | null;
  notify_count: number;
  evidence: string;
}

/** An alert as the API shows it: the record plus its derived state and acknowledgement. */
export interface AlertView extends Omit<AlertRecord, 'state'> {
  state: AlertStateName;
  ackedBy: string | null;
  ackedAt: number | null;
  ackComment: string | null;
}

export interface AlertFilter {
  rules?: string[];
  fingerprints?: string[];
  states?: AlertStateName[];
  category?: string;
  shopId?: string;
  hostId?: string;
  skuId?: string;
  severity?: string;
  /** Only alerts evaluated (or reported) since then. */
  since?: number;
  limit?: number;
  offset?: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toRow(r: AlertRecord): object {
  return {
    fingerprint: r.fingerprint,
    rule: r.rule,
    subject: JSON.stringify(r.subject),
    labels: r.labels,
    audiences: r.audiences,
    severity: r.severity,
    title: r.title,
    state: r.state,
    episode: r.episode,
    pending_count: r.pendingCount,
    started_at: iso(r.startedAt),
    fired_at: iso(r.firedAt),
    resolved_at: iso(r.resolvedAt),
    resolved_by: r.resolvedBy,
    last_eval_at: iso(r.lastEvalAt),
    last_notified_at: iso(r.lastNotifiedAt),
    notify_count: r.notifyCount,
    evidence: JSON.stringify(r.evidence),
    version: nextVersion(),
  };
}

function fromRow(row: StateRow): AlertRecord {
  return {
    fingerprint: row.fingerprint,
    rule: row.rule,
    subject: JSON.parse(row.subject) as Labels,
    labels: row.labels,
    audiences: row.audiences as Audience[],
    severity: row.severity as Severity,
    title: row.title,
    state: row.state as StoredState,
    episode: row.episode,
    pendingCount: Number(row.pending_count),
    startedAt: fromChTime(row.started_at),
    firedAt: nullableTime(row.fired_at),
    resolvedAt: nullableTime(row.resolved_at),
    resolvedBy: row.resolved_by,
    lastEvalAt: fromChTime(row.last_eval_at),
    lastNotifiedAt: nullableTime(row.last_notified_at),
    notifyCount: Number(row.notify_count),
    evidence: JSON.parse(row.evidence) as Evidence,
  };
}

/** alert_state (written by the engine only) and alert_actions (written by the API). */
export class StateStore {
  constructor(private readonly client: ClickHouseClient) {}

  async write(records: AlertRecord[]): Promise<void> {
    await insertRows(this.client, 'alert_state', records.map(toRow));
  }

  async open(rule: string): Promise<AlertRecord[]> {
    return (await sqlRows<StateRow>(this.client, 'open_alerts', { rule })).map(fromRow);
  }

  async byFingerprints(fingerprints: string[]): Promise<AlertRecord[]> {
    if (fingerprints.length === 0) return [];
    return (await sqlRows<StateRow>(this.client, 'alerts_by_fingerprint', { fingerprints })).map(fromRow);
  }

  /** Acks and manual resolves of the current episode of each record, keyed by fingerprint. */
  async actionsFor(records: AlertRecord[]): Promise<Map<string, EpisodeActions>> {
    const out = new Map<string, EpisodeActions>();
    if (records.length === 0) return out;
    const episodes = new Map(records.map((r) => [r.fingerprint, r.episode]));
    const rows = await sqlRows<{ fingerprint: string; episode: string; action: string; actor: string; comment: string; at: string }>(
      this.client,
      'episode_actions',
      { fingerprints: [...episodes.keys()] },
    );
    for (const row of rows) {
      if (episodes.get(row.fingerprint) !== row.episode) continue;
      const action: AlertAction = {
        fingerprint: row.fingerprint,
        episode: row.episode,
        action: row.action === 'resolve' ? 'resolve' : 'acknowledge',
        actor: row.actor,
        comment: row.comment,
        at: fromChTime(row.at),
      };
      const entry = out.get(row.fingerprint) ?? {};
      if (action.action === 'resolve') entry.resolved = action;
      else entry.acknowledged = action;
      out.set(row.fingerprint, entry);
    }
    return out;
  }

  async addAction(action: AlertAction): Promise<void> {
    await insertRows(this.client, 'alert_actions', [
      { ...action, at: new Date(action.at).toISOString(), version: nextVersion() },
    ]);
  }

  async list(filter: AlertFilter, viewer: Viewer): Promise<AlertView[]> {
    const rows = await sqlRows<StateRow & { stored_state: string; acked_by: string; acked_at: string | null; ack_comment: string }>(
      this.client,
      'list_alerts',
      {
        rules: filter.rules ?? [],
        fingerprints: filter.fingerprints ?? [],
        states: filter.states ?? [],
        category: filter.category ?? '',
        shop_id: filter.shopId ?? '',
        host_id: filter.hostId ?? '',
        sku_id: filter.skuId ?? '',
        severity: filter.severity ?? '',
        since: chTime(filter.since ?? 0),
        limit: filter.limit ?? 100,
        offset: filter.offset ?? 0,
        ...scopeParams(viewer),
      },
    );
    return rows.map((row) => {
      const acked = row.acked_at !== null;
      return {
        ...fromRow({ ...row, state: row.stored_state }),
        state: row.state as AlertStateName,
        ackedBy: acked ? row.acked_by : null,
        ackedAt: nullableTime(row.acked_at),
        ackComment: acked ? row.ack_comment : null,
      };
    });
  }
}
