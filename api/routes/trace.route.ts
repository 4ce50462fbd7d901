import Type from 'typebox';
import type { FastifyInstance } from 'fastify';
import { orderTrace } from '../../kpi/trace.ts';
import type { Warehouse } from '../../warehouse/client.ts';
import { ErrorSchema, errorResponses, scopeOfRequest } from './kpi.schemas.ts';
import { TraceAnswer } from '../answers/trace.schemas.ts';

/** The order trace of DESIGN §6. */
export async function traceRoutes(app: FastifyInstance, opts: { warehouse: Warehouse }): Promise<void> {
  app.get<{ Params: { order_id: string }; Querystring: { before_ms?: number; after_ms?: number } }>(
    '/v1/orders/:order_id/trace',
    {
      schema: {
        summary: "An order's trace: live session, host, transcript around the order, the host's promises, refunds, shipments",
        tags: ['trace'],
        params: Type.Object({ order_id: Type.String({ minLength: 1, maxLength: 128 }) }),
        querystring: Type.Object({
          before_ms: Type.Optional(Type.Integer({ minimum: 0, maximum: 3_600_000, default: 120_000, description: 'Transcript before the order' })),
          after_ms: Type.Optional(Type.Integer({ minimum: 0, maximum: 3_600_000, default: 30_000, description: 'Transcript after the order' })),
        }),
        response: { 200: TraceAnswer, 404: ErrorSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const trace = await orderTrace(opts.warehouse, req.params.order_id, scopeOfRequest(req), {
        beforeMs: req.query.before_ms ?? 120_000,
        afterMs: req.query.after_ms ?? 30_000,
      });
      // Outside the caller's scope reads exactly like a missing order.
      if (!trace) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'no such order' });
      return trace;
    },
  );
}
