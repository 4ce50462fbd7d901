import { CONTRACTS, type Topic } from '../contracts/index.ts';
import type { LineOutcome, SourcePosition } from './outcomes.ts';

/**
 * Validates one JSON text and returns the row to insert.
 *
 * Hot path: the row is the producer's own line, forwarded as is to `INSERT … FORMAT
 * JSONEachRow` — no re-serialisation per event. Only when there is something to add (unknown
 * fields kept in _extra, a Kafka position) is a short suffix spliced in before the closing brace.
 */
export function validateLine(topic: Topic, line: string, position?: SourcePosition): LineOutcome {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    const msg = `not valid JSON: ${(err as Error).message}`;
    return { kind: 'dlq', reason: msg, errors: [msg] };
  }
  return validateValue(topic, value, line, position);
}

/** Same as validateLine for an already parsed value; `line` is its JSON text when known. */
export function validateValue(topic: Topic, value: unknown, line: string | undefined, position?: SourcePosition): LineOutcome {
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

  const text = line ?? JSON.stringify(value);
  if (suffix === '') return { kind: 'ok', row: text, event: value };
  const close = text.lastIndexOf('}');
  return { kind: 'ok', row: text.slice(0, close) + suffix + '}', event: value };
}
