import Type from 'typebox';
import { REGION_SPELLINGS } from './regions.ts';

/** Fields every event carries (DESIGN §3). `event_id` is the key of idempotency. */
export const EventEnvelope = {
  event_id: Type.String({ minLength: 1, maxLength: 128, description: 'Unique, producer-assigned; replays carry the same id.' }),
  occurred_at: Type.String({ format: 'date-time', description: 'ISO-8601 / RFC 3339 timestamp with a zone.' }),
  schema_version: Type.Literal(1, { description: 'Contract version; 1 is the only version today.' }),
};

export const Id = (description: string) => Type.String({ minLength: 1, maxLength: 128, description });
export const Money = (description: string) =>
  Type.Number({ minimum: 0, maximum: 100_000_000, description: `${description} (CNY, 2 decimals)` });
export const Region = (description: string) =>
  Type.Enum(REGION_SPELLINGS, { description: `${description}: mainland province name, short name or GB/T 2260 code` });

/**
 * Names the ingest layer adds to a stored row. A producer field with one of these names would
 * collide with them in the warehouse, so the validator refuses it with a clear reason.
 */
export const RESERVED_FIELDS = new Set(['_extra', '_partition', '_offset', '_ingested_at']);
