// Registers the date-time format before any contract below is compiled.
import { commonShapeYear } from './timestamp-format.ts';
import type Type from 'typebox';
import { Compile } from 'typebox/compile';
import { RESERVED_FIELDS } from './common.ts';
import { checkExtraValue, inTimeRange, loneSurrogateMessage, TIME_RANGE_TEXT } from './limits.ts';
import { LogisticsEvent, logisticsRefinement } from './logistics.ts';
import { OrderEvent } from './orders.ts';
import { RefundEvent, refundRefinement } from './refunds.ts';
import { TranscriptEvent } from './transcripts.ts';

export { OrderEvent } from './orders.ts';
export { RefundEvent } from './refunds.ts';
export { TranscriptEvent } from './transcripts.ts';
export { LogisticsEvent } from './logistics.ts';

export const TOPICS = ['orders', 'refunds', 'livestream-transcripts', 'logistics'] as const;
export type Topic = (typeof TOPICS)[number];

export interface EventByTopic {
  orders: OrderEvent;
  refunds: RefundEvent;
  'livestream-transcripts': TranscriptEvent;
  logistics: LogisticsEvent;
}
export type AnyEvent = EventByTopic[Topic];

export type Validation<E> =
  | { ok: true; event: E; unknownFields: string[] }
  | { ok: false; reason: string; errors: string[] };

interface TopicContract<E> {
  topic: Topic;
  /** The raw-event table in the warehouse (sql/migrations). */
  table: string;
  schema: Type.TSchema;
  validate(value: unknown): Validation<E>;
}

const MAX_REPORTED_ERRORS = 5;

/** The warehouse stores millisecond timestamps between 2000 and 2100; anything else is a producer bug. */
function envelopeRefinement(e: { occurred_at: string }): string | undefined {
  // A zone offset moves a time by less than a day: years 2001–2098 are inside whatever it is.
  const year = commonShapeYear(e.occurred_at);
  if (year > 2000 && year < 2099) return undefined;
  if (!inTimeRange(e.occurred_at)) return `/occurred_at: must be ${TIME_RANGE_TEXT}`;
  return undefined;
}

/**
 * Strings of the contract's own fields the engine can store: a lone surrogate (JSON "\ud800")
 * has no UTF-8 form and would fail the whole insert it shares. isWellFormed is native and cheap.
 */
function knownStringsRefinement(value: Record<string, unknown>, stringFields: readonly string[]): string | undefined {
  for (const k of stringFields) {
    const v = value[k];
    if (typeof v === 'string' && !v.isWellFormed()) return loneSurrogateMessage(`/${k}`);
  }
  return undefined;
}

function contract<S extends Type.TSchema, E>(
  topic: Topic,
  table: string,
  schema: S,
  refine?: (event: E) => string | undefined,
): TopicContract<E> {
  const compiled = Compile(schema);
  const properties = (schema as unknown as { properties: Record<string, { type?: unknown }> }).properties;
  const known = new Set(Object.keys(properties));
  // Enum and literal fields only take fixed, well-formed values: free strings are the ones to check.
  const stringFields = Object.keys(properties).filter((k) => properties[k]!.type === 'string');
  return {
    topic,
    table,
    schema,
    validate(value: unknown): Validation<E> {
      if (!compiled.Check(value)) {
        const errors: string[] = [];
        for (const e of compiled.Errors(value)) {
          // anyOf/enum failures repeat per branch; one line per path is what a producer needs.
          const line = `${e.instancePath || '/'}: ${e.message}`;
          if (!errors.includes(line)) errors.push(line);
          if (errors.length >= MAX_REPORTED_ERRORS) break;
        }
        return { ok: false, reason: `invalid ${topic} event: ${errors.join('; ')}`, errors };
      }
      const event = value as unknown as E;
      const refinement =
        envelopeRefinement(value as { occurred_at: string }) ??
        knownStringsRefinement(value as Record<string, unknown>, stringFields) ??
        refine?.(event);
      if (refinement) return { ok: false, reason: `invalid ${topic} event: ${refinement}`, errors: [refinement] };
      const unknownFields: string[] = [];
      for (const key in value as object) {
        if (known.has(key)) continue;
        if (RESERVED_FIELDS.has(key)) {
          const msg = `/${key}: reserved field name, rename it`;
          return { ok: false, reason: `invalid ${topic} event: ${msg}`, errors: [msg] };
        }
        const extra = checkExtraValue(key, (value as Record<string, unknown>)[key]);
        if (extra) return { ok: false, reason: `invalid ${topic} event: ${extra}`, errors: [extra] };
        unknownFields.push(key);
      }
      return { ok: true, event, unknownFields };
    },
  };
}

export const CONTRACTS: { [T in Topic]: TopicContract<EventByTopic[T]> } = {
  orders: contract<typeof OrderEvent, OrderEvent>('orders', 'orders', OrderEvent),
  refunds: contract<typeof RefundEvent, RefundEvent>('refunds', 'refund_events', RefundEvent, refundRefinement),
  'livestream-transcripts': contract<typeof TranscriptEvent, TranscriptEvent>(
    'livestream-transcripts',
    'transcript_segments',
    TranscriptEvent,
  ),
  logistics: contract<typeof LogisticsEvent, LogisticsEvent>('logistics', 'logistics_scans', LogisticsEvent, logisticsRefinement),
};

export function isTopic(name: string): name is Topic {
  return (TOPICS as readonly string[]).includes(name);
}

/** JSON Schema documents of every contract, keyed by topic (served at /v1/contracts, written to docs/contracts). */
export function jsonSchemas(): Record<Topic, unknown> {
  const out = {} as Record<Topic, unknown>;
  for (const topic of TOPICS) {
    out[topic] = { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: `aftersales-radar:${topic}`, ...CONTRACTS[topic].schema };
  }
  return out;
}
