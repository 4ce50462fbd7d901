import type { FastifyInstance } from 'fastify';
import { KPI_HEALTH_DEFAULTS, kpiHealth, type KpiHealth, type KpiHealthLimits } from '../../kpi/health.ts';
import type { Warehouse } from '../../warehouse/client.ts';
import { roleStatus } from '../../observability/role-status.ts';

export interface HealthRouteOptions {
  warehouse: Warehouse;
  startedAt: number;
  /** When the KPI job counts as degraded (config: RADAR_KPI_HEALTH_MAX_FAILURES / _MAX_LAG_S). */
  kpiHealth?: KpiHealthLimits;
}

/**
 * GET /healthz: 503 when this process cannot reach its warehouse (it can serve nothing);
 * otherwise 200, with status "degraded" and the reasons when a part is unwell but the API still
 * answers — the KPI job (kpi/health.ts) failing run after run or its watermark lagging, so
 * every KPI shows old data. A load balancer keeps routing to a process whose KPIs are stale
 * (its other answers are fine); monitoring reads `status` / `kpi.reasons`, or the gauge
 * radar_kpi_degraded on /metrics.
 */
export async function healthRoutes(app: FastifyInstance, opts: HealthRouteOptions): Promise<void> {
  app.get('/healthz', { schema: { summary: 'Liveness, warehouse reachability and KPI freshness', tags: ['ops'] } }, async (_req, reply) => {
    const ping = await opts.warehouse.client.ping();
    // Background roles of this process (observability/role-status.ts): one that stopped on an
    // error makes the process unhealthy (503), like an unreachable warehouse. A stale KPI job makes
    // it degraded but still serving (200).
    const stopped = roleStatus.stopped();
    const healthy = ping.success && stopped.length === 0;
    let kpi: KpiHealth | { status: 'unknown'; reasons: string[] } = { status: 'unknown', reasons: ['warehouse unreachable'] };
    if (ping.success) {
      kpi = await kpiHealth(opts.warehouse, opts.kpiHealth ?? KPI_HEALTH_DEFAULTS).catch((err: unknown) => ({
        status: 'unknown' as const,
        reasons: [`KPI state unreadable: ${err instanceof Error ? err.message : String(err)}`],
      }));
    }
    const body = {
      status: healthy && kpi.status === 'ok' ? 'ok' : 'degraded',
      warehouse: { mode: opts.warehouse.mode, reachable: ping.success },
      roles: roleStatus.snapshot(),
      ...(stopped.length > 0 ? { stopped_roles: stopped } : {}),
      kpi,
      uptime_s: Math.round((Date.now() - opts.startedAt) / 1000),
    };
    return reply.code(healthy ? 200 : 503).send(body);
  });
}
