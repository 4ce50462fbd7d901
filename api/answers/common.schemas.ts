import Type from 'typebox';

/**
 * Pieces every answer schema shares. Answer schemas live in api/answers/ and import only
 * typebox, so the dashboard can derive its response types from them (`import type`) without
 * its type check or bundle reaching into fastify, the warehouse or Node.
 */
export const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
export const WindowSchema = Type.Object(
  { from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) },
  { description: 'The window a figure covers: [from, to)' },
);

export type WindowSpan = Type.Static<typeof WindowSchema>;
