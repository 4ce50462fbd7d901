import { CONTRACTS, type Topic } from '../contracts/index.ts';
import type { LineOutcome, SourcePosition } from './outcomes.ts';

/**
 * Validates one JSON text.
 *
 * Hot path: the stored row is the producer's own text, forwarded as is to `INSERT … FORMAT
 * JSONEachRow` — no re-serialisation per event. Only when there is something to add (unknown
 * fields kept in _extra, a Kafka position) does the outcome carry a short suffix, which the
 * row builder splices in before the closing brace.
 */
export function validateLine(topic: Topic, line: string, position?: SourcePosition): LineOutcome {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    const msg = `not valid JSON: ${(err as Error).message}`;
    return { kind: 'dlq', reason: msg, errors: [msg] };
  }
  return validateValue(topic, value, position);
}

/** Same as validateLine for an already parsed value. */
export function validateValue(topic: Topic, value: unknown, position?: SourcePosition): LineOutcome {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const msg = 'an event must be a JSON object';
    return { kind: 'dlq', reason: msg, errors: [msg] };
  }
  const v = CONTRACTS[topic].validate(value);
  if (!v.ok) return { kind: 'dlq', reason: v.reason, errors: v.errors };

  let suffix = '';
  if (v.unknownFields.length > 0) {
    const extra: Record<string, unknown> = {};
    for (const k of v.unknownFields) extra[k] = (value as Record<string, unknown>)[k];
    suffix += `,"_extra":${JSON.stringify(JSON.stringify(extra))}`;
  }
  if (position) suffix += `,"_partition":${position.partition},"_offset":${position.offset}`;
  return { kind: 'ok', suffix, event: value };
}
