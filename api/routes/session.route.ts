import type { FastifyInstance } from 'fastify';
import { sessionTimeline } from '../../kpi/session-timeline.ts';
import type { Warehouse } from '../../warehouse/client.ts';
import { scopeOfRequest } from './kpi.schemas.ts';

/** GET /v1/sessions/:id/timeline — transcript with wording hits, viewer topics, orders and refunds by minute. */
export async function sessionRoutes(app: FastifyInstance, opts: { warehouse: Warehouse }): Promise<void> {
  app.get<{ Params: { id: string }; Querystring: { from_ms?: number; limit?: number } }>(
    '/v1/sessions/:id/timeline',
    {
      schema: {
        summary: 'One live session: transcript with wording-hit spans, viewer question topics, orders and refunds per minute',
        tags: ['sessions'],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 128 } } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from_ms: { type: 'integer', minimum: 0, description: 'Segments from this session offset on (paging)' },
            limit: { type: 'integer', minimum: 1, maximum: 5000, default: 2000 },
          },
        },
      },
    },
    async (req, reply) => {
      const timeline = await sessionTimeline(opts.warehouse, req.params.id, scopeOfRequest(req), {
        ...(req.query.from_ms !== undefined ? { fromMs: req.query.from_ms } : {}),
        ...(req.query.limit !== undefined ? { limit: req.query.limit } : {}),
      });
      if (!timeline) {
        return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no live session "${req.params.id}" that this token may see` });
      }
      return timeline;
    },
  );
}
