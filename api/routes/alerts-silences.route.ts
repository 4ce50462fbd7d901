import Type from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { AlertServices } from '../../alerts/runtime.ts';
import { SilenceError, type SilenceInput } from '../../alerts/silences.ts';
import type { Silence } from '../../alerts/types.ts';
import { SilenceBody, requireOps, sendError, type SilenceBodyValue } from './alerts.schemas.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

function silenceJson(s: Silence, now: number) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    id: s.id,
    matchers: s.matchers,
    starts_at: iso(s.startsAt),
    ends_at: iso(s.endsAt),
    active: s.startsAt <= now && now < s.endsAt,
    created_by: s.createdBy,
    comment: s.comment,
    created_at: iso(s.createdAt),
    updated_at: iso(s.updatedAt),
  };
}

function inputOf(body: SilenceBodyValue): SilenceInput {
  return {
    matchers: body.matchers,
    endsAt: Date.parse(body.ends_at),
    ...(body.starts_at ? { startsAt: Date.parse(body.starts_at) } : {}),
    ...(body.comment !== undefined ? { comment: body.comment } : {}),
  };
}

/** Silence CRUD (ops, admin): label matchers + a time range; silenced alerts are recorded, not sent. */
export async function alertSilenceRoutes(app: FastifyInstance, opts: { alerts: AlertServices }): Promise<void> {
  const { silences, clock } = opts.alerts;
  const tags = ['alerts'];

  app.get<{ Querystring: { include_expired?: boolean } }>(
    '/v1/alerts/silences',
    {
      schema: {
        summary: 'Silences in force (or all, with include_expired)',
        tags,
        querystring: Type.Object({ include_expired: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      if (!requireOps(req, reply)) return reply;
      const now = clock.now();
      return { silences: (await silences.list(req.query.include_expired ?? false)).map((s) => silenceJson(s, now)) };
    },
  );

  app.post<{ Body: SilenceBodyValue }>(
    '/v1/alerts/silences',
    { schema: { summary: 'Create a silence', tags, body: SilenceBody } },
    async (req, reply) => {
      const viewer = requireOps(req, reply);
      if (!viewer) return reply;
      try {
        const s = await silences.create(inputOf(req.body), viewer.id ?? viewer.role);
        return reply.code(201).send(silenceJson(s, clock.now()));
      } catch (err) {
        if (err instanceof SilenceError) return sendError(reply, err.status, err.message);
        throw err;
      }
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/alerts/silences/:id',
    { schema: { summary: 'One silence', tags, params: IdParams } },
    async (req, reply) => {
      if (!requireOps(req, reply)) return reply;
      const s = await silences.get(req.params.id);
      return s ? silenceJson(s, clock.now()) : sendError(reply, 404, `silence ${req.params.id} not found`);
    },
  );

  app.put<{ Params: { id: string }; Body: SilenceBodyValue }>(
    '/v1/alerts/silences/:id',
    { schema: { summary: 'Change a silence (matchers, end time, comment)', tags, params: IdParams, body: SilenceBody } },
    async (req, reply) => {
      const viewer = requireOps(req, reply);
      if (!viewer) return reply;
      try {
        return silenceJson(await silences.update(req.params.id, inputOf(req.body), viewer.id ?? viewer.role), clock.now());
      } catch (err) {
        if (err instanceof SilenceError) return sendError(reply, err.status, err.message);
        throw err;
      }
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/alerts/silences/:id',
    { schema: { summary: 'Delete (expire) a silence', tags, params: IdParams } },
    async (req, reply) => {
      if (!requireOps(req, reply)) return reply;
      try {
        await silences.expire(req.params.id);
        return reply.code(204).send();
      } catch (err) {
        if (err instanceof SilenceError) return sendError(reply, err.status, err.message);
        throw err;
      }
    },
  );
}
