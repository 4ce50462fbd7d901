/**
 * Alerts and host reminders as the API sends them (REST, SSE): the public JSON of
 * alerts/present.ts and realtime/reminders.ts. The evidence is the engine's type (alerts/types.ts,
 * import type: pure types); the rest has no schema on the server yet and is written out here.
 */
import type { Evidence as ServerEvidence } from '../../../alerts/types.ts';

export type AlertState = 'pending' | 'firing' | 'acknowledged' | 'resolved' | 'inactive';
export type Severity = 'critical' | 'warning' | 'info';

/** The evidence every alert carries (alerts/types.ts: the engine's own definition). */
export type Evidence = ServerEvidence;

/** One transition (SSE `alert` events, webhooks). */
export interface AlertEventJson {
  event_id: string;
  fingerprint: string;
  episode: string;
  rule: string;
  title: string;
  severity: Severity | string;
  transition: string;
  from: string;
  to: AlertState | string;
  at: string;
  subject: Record<string, string>;
  labels: Record<string, string>;
  audiences: string[];
  evidence: Evidence;
  actor: string;
  silenced_by: string[];
  /** Notification group (rule + its group_by labels); sent by an API with grouping (issue #15). */
  group?: { key: string; labels: Record<string, string> };
}

/** One alert identity with its current state (GET /v1/alerts). */
export interface AlertJson {
  fingerprint: string;
  rule: string;
  title: string;
  severity: Severity | string;
  state: AlertState | string;
  episode: string;
  subject: Record<string, string>;
  labels: Record<string, string>;
  audiences: string[];
  pending_count: number;
  started_at: string | null;
  fired_at: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  ack_comment: string | null;
  last_evaluated_at: string | null;
  last_notified_at: string | null;
  notify_count: number;
  silenced_by: string[];
  evidence: Evidence;
  /** Notification group (rule + its group_by labels); sent by an API with grouping (issue #15). */
  group?: { key: string; labels: Record<string, string> };
}

export interface Matcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface SilenceJson {
  id: string;
  matchers: Matcher[];
  starts_at: string;
  ends_at: string;
  created_by: string;
  comment: string;
}

/** A wording hit as the detector reports it; `start`/`end` are UTF-16 offsets into the line's text. */
export interface WordingHit {
  phrase: string;
  term: string;
  category: string;
  rule_id: string;
  severity: string;
  alternative: string;
  start: number;
  end: number;
}

export interface WordingHitReminder extends WordingHit {
  kind: 'wording_hit';
  id: string;
  host_id: string;
  shop_id: string;
  live_session_id: string;
  sku_id: string;
  occurred_at: string;
  offset_ms: number;
  speaker: string;
  text: string;
  detected_at: number;
}

export interface QuestionSpikeReminder {
  kind: 'question_spike';
  id: string;
  host_id: string;
  shop_id: string;
  live_session_id: string;
  topic: string;
  count: number;
  baseline_mean: number;
  window_start: string;
  window_end: string;
  detected_at: number;
}

export type HostReminder = WordingHitReminder | QuestionSpikeReminder;
