import type { Config } from '../config/config.ts';
import { buildServer, type ApiServer } from '../api/server.ts';
import type { IngestPipeline } from '../ingest/pipeline.ts';
import type { Logger } from '../observability/logger.ts';
import { openWarehouse, type Warehouse } from '../warehouse/client.ts';
import { migrate } from '../warehouse/migrate.ts';
import { createPipeline } from './ingest-runtime.ts';
import { startKpiScheduler, type KpiScheduler } from '../kpi/scheduler.ts';
import { alertSettingsOf, startAlerting, type AlertServices } from '../alerts/runtime.ts';

export interface Services {
  warehouse: Warehouse;
  pipeline: IngestPipeline;
  api: ApiServer;
  /** Alerting: the engine role unless RADAR_ALERTS_ENGINE=false, and the SSE feed. */
  alerts: AlertServices;
  /** The KPI refresh + snapshot job (absent when RADAR_KPI_SCHEDULER=false). */
  kpi?: KpiScheduler;
  url: string;
  stop(): Promise<void>;
}

/** Opens and migrates the warehouse, builds the ingest pipeline and serves the API. */
export async function startServices(config: Config, log: Logger): Promise<Services> {
  const warehouse = await openWarehouse(config, log);
  await migrate(warehouse.client, log);
  const pipeline = createPipeline(warehouse, config, log);
  // The KPI job keeps facts, rollups and snapshots current (kpi/scheduler.ts); one per store.
  const kpi = config.kpiScheduler ? startKpiScheduler(warehouse, log.child({ role: 'kpi' }), config.kpiCron) : undefined;
  const alerts = await startAlerting(warehouse, alertSettingsOf(config), log, { engine: config.alertsEngine, feed: true });
  const api = await buildServer({ warehouse, pipeline, log, ingestMaxBodyBytes: config.ingestMaxBodyBytes, alerts });
  let url: string;
  try {
    url = await api.listen({ host: config.host, port: config.port });
  } catch (err) {
    await kpi?.stop();
    await alerts.stop();
    await warehouse.close();
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') {
      throw new Error(`port ${config.port} on ${config.host} is in use; set RADAR_PORT or pass --port`);
    }
    throw err;
  }
  log.info({ url }, 'api listening');
  return {
    warehouse,
    pipeline,
    api,
    alerts,
    ...(kpi ? { kpi } : {}),
    url,
    async stop() {
      // Order matters: stop taking requests, write what is buffered, then close the engine.
      await api.close();
      await pipeline.flush();
      await kpi?.stop();
      await alerts.stop();
      await warehouse.close();
    },
  };
}
