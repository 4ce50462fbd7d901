import type { FastifyInstance } from 'fastify';
import type { Warehouse } from '../../warehouse/client.ts';
import { roleStatus } from '../../observability/role-status.ts';

export async function healthRoutes(app: FastifyInstance, opts: { warehouse: Warehouse; startedAt: number }): Promise<void> {
  app.get('/healthz', { schema: { summary: 'Liveness and warehouse reachability', tags: ['ops'] } }, async (_req, reply) => {
    const ping = await opts.warehouse.client.ping();
    // Background roles of this process (observability/role-status.ts): one that stopped on an
    // error makes the process degraded, like an unreachable warehouse.
    const stopped = roleStatus.stopped();
    const healthy = ping.success && stopped.length === 0;
    const body = {
      status: healthy ? 'ok' : 'degraded',
      warehouse: { mode: opts.warehouse.mode, reachable: ping.success },
      roles: roleStatus.snapshot(),
      ...(stopped.length > 0 ? { stopped_roles: stopped } : {}),
      uptime_s: Math.round((Date.now() - opts.startedAt) / 1000),
    };
    return reply.code(healthy ? 200 : 503).send(body);
  });
}
