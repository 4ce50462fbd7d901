import type { Topic } from '../contracts/index.ts';

/** Where an event came from, recorded on dead letters and metrics. */
export type SourceKind = 'http' | 'kafka' | 'simulator' | 'import';

/** A Kafka position; HTTP and the simulator have none. */
export interface SourcePosition {
  partition: number;
  offset: string;
}

/**
 * The typed result of the validate step: every input line ends as exactly one of these, so
 * what happens to a bad event is explicit in the types (PostHog's pipeline-result idea).
 */
export type LineOutcome =
  /** suffix: `,"field":value…` the stored row adds to the event's own text ('' if nothing). */
  | { kind: 'ok'; suffix: string; event: object }
  | { kind: 'dlq'; reason: string; errors: string[] };

export interface Rejection {
  /** 1-based line (NDJSON) or array index + 1 (JSON array). */
  line: number;
  event_id?: string;
  reason: string;
  errors: string[];
}

export interface IngestReport {
  topic: Topic;
  accepted: number;
  rejected: Rejection[];
}

export interface DeadLetter {
  topic: string;
  source: SourceKind;
  raw: Buffer | string;
  reason: string;
  errors: string[];
  position?: SourcePosition;
}
