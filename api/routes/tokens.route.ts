import Type from 'typebox';
import { MeAnswer } from '../answers/access.schemas.ts';
import type { FastifyInstance } from 'fastify';
import { ROLES, TokenSpecError } from '../../auth/roles.ts';
import type { TokenStore } from '../../auth/tokens.ts';
import { principalOf } from '../plugins/auth.plugin.ts';
import { BadRequestError, ErrorSchema, errorResponses } from './kpi.schemas.ts';

const TokenInfo = Type.Object({
  id: Type.String(),
  role: Type.Enum([...ROLES]),
  categories: Type.Array(Type.String()),
  host_id: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
  revoked_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  expires_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const CreateBody = Type.Object(
  {
    role: Type.Enum([...ROLES]),
    categories: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100, description: 'category_manager only' })),
    host_id: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'host only' })),
    name: Type.Optional(Type.String({ maxLength: 200, description: 'Who or what holds it' })),
    expires_at: Type.Optional(Type.String({ format: 'date-time', description: 'Refused after this instant (default: never expires)' })),
  },
  { additionalProperties: false },
);

/** Token administration (admin only) and "who am I" (any token). */
export async function tokenRoutes(app: FastifyInstance, opts: { tokens: TokenStore }): Promise<void> {
  app.get(
    '/v1/me',
    {
      // Any valid token, a producer's too: "who am I" is how a pipeline checks its key.
      config: { access: 'any' },
      schema: {
        summary: 'The role and scope of the calling token',
        tags: ['access'],
        response: {
          200: MeAnswer,
          401: ErrorSchema,
        },
      },
    },
    async (req) => principalOf(req),
  );

  app.post<{ Body: { role: string; categories?: string[]; host_id?: string; name?: string; expires_at?: string } }>(
    '/v1/tokens',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Issue a token (the secret is shown once, only its hash is stored)',
        tags: ['access'],
        body: CreateBody,
        response: { 201: Type.Object({ token: Type.String(), info: TokenInfo }), ...errorResponses },
      },
    },
    async (req, reply) => {
      try {
        const { expires_at, ...spec } = req.body;
        const created = await opts.tokens.create({ ...spec, ...(expires_at ? { expires_at: new Date(expires_at) } : {}) });
        return reply.code(201).send(created);
      } catch (err) {
        if (err instanceof TokenSpecError) throw new BadRequestError(err.field, err.message);
        throw err;
      }
    },
  );

  app.get<{ Querystring: { include_revoked?: boolean } }>(
    '/v1/tokens',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'List tokens (never their secrets)',
        tags: ['access'],
        querystring: Type.Object({ include_revoked: Type.Optional(Type.Boolean({ default: false })) }),
        response: { 200: Type.Object({ tokens: Type.Array(TokenInfo) }), ...errorResponses },
      },
    },
    async (req) => ({ tokens: await opts.tokens.list(req.query.include_revoked ?? false) }),
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/tokens/:id',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Revoke a token',
        tags: ['access'],
        params: Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{16}$' }) }),
        response: { 200: Type.Object({ id: Type.String(), revoked: Type.Boolean() }), 404: ErrorSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      if (!(await opts.tokens.revoke(req.params.id))) {
        return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'no live token with this id' });
      }
      return { id: req.params.id, revoked: true };
    },
  );
}
