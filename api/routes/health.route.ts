import type { FastifyInstance } from 'fastify';
import type { Warehouse } from '../../warehouse/client.ts';

export async function healthRoutes(app: FastifyInstance, opts: { warehouse: Warehouse; startedAt: number }): Promise<void> {
  app.get('/healthz', { schema: { summary: 'Liveness and warehouse reachability', tags: ['ops'] } }, async (_req, reply) => {
    const ping = await opts.warehouse.client.ping();
    const body = {
      status: ping.success ? 'ok' : 'degraded',
      warehouse: { mode: opts.warehouse.mode, reachable: ping.success },
      uptime_s: Math.round((Date.now() - opts.startedAt) / 1000),
    };
    return reply.code(ping.success ? 200 : 503).send(body);
  });
}
