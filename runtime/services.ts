import type { Config } from '../config/config.ts';
import { buildServer, type ApiServer } from '../api/server.ts';
import type { IngestPipeline } from '../ingest/pipeline.ts';
import type { Logger } from '../observability/logger.ts';
import { openWarehouse, type Warehouse } from '../warehouse/client.ts';
import { migrate } from '../warehouse/migrate.ts';
import { createPipeline } from './ingest-runtime.ts';
import { startKpiScheduler, type KpiScheduler } from '../kpi/scheduler.ts';
import { watchKpiHealth } from '../kpi/health.ts';
import { join } from 'node:path';
import { ReminderBus } from '../realtime/reminders.ts';
import { createRawInsert } from '../warehouse/raw-insert.ts';
import { attachStreamRules, startReminderRelays, streamRuleParams } from './stream-rules.ts';
import { hostBurstReport, questionSpikeReport, type AlertReport } from '../alerts/report.ts';
import { alertSettingsOf, startAlerting, type AlertServices } from '../alerts/runtime.ts';

export interface Services {
  warehouse: Warehouse;
  pipeline: IngestPipeline;
  bus: ReminderBus;
  api: ApiServer;
  /** Alerting: the engine role unless RADAR_ALERTS_ENGINE=false, and the SSE feed. */
  alerts: AlertServices;
  /** The KPI refresh + snapshot job (absent when RADAR_KPI_SCHEDULER=false). */
  kpi?: KpiScheduler;
  url: string;
  stop(): Promise<void>;
}

/** Opens and migrates the warehouse, builds the ingest pipeline and serves the API. */
export interface ServiceOptions {
  /**
   * Scale-out API role: ingest (and its stream rules) runs in other processes, so host
   * reminders arrive over the Kafka relay topic, and this process's own (from HTTP ingest) are
   * relayed to the other API processes. `radar start` runs everything in one process: no relay.
   */
  relayReminders?: boolean;
}

export async function startServices(config: Config, log: Logger, options: ServiceOptions = {}): Promise<Services> {
  const warehouse = await openWarehouse(config, log);
  await migrate(warehouse.client, log);
  const pipeline = createPipeline(warehouse, config, log);
  // The KPI job keeps facts, rollups and snapshots current (kpi/scheduler.ts); one per store.
  const kpi = config.kpiScheduler ? startKpiScheduler(warehouse, log.child({ role: 'kpi' }), config.kpiCron) : undefined;
  // Stream rules run where events are ingested; in this process that is the pipeline above, and
  // their reminders reach this API's consoles through the in-process bus.
  const bus = new ReminderBus();
  const alerts = await startAlerting(warehouse, alertSettingsOf(config), log, { engine: config.alertsEngine, feed: true });
  // Wording bursts and viewer question spikes become alerts through the same lifecycle; a
  // failed report is logged, never thrown into the ingest path.
  const report = (r: AlertReport) => void alerts.engine.report(r).catch((err: unknown) => log.warn({ err, rule: r.rule }, 'alert report failed'));
  const streamRules = attachStreamRules({
    pipeline,
    streamParams: await streamRuleParams(alerts),
    insert: createRawInsert(warehouse, join(config.dataDir, 'tmp')),
    bus,
    warehouse: warehouse.client,
    log,
    onBurst: (b) => report(hostBurstReport(b)),
    onSpike: (s) => report(questionSpikeReport(s)),
  });
  const relays = options.relayReminders && config.kafkaBrokers ? await startReminderRelays(bus, config, log) : [];
  const limits = {
    authFailuresPerMinute: config.authFailuresPerMinute,
    readsPerTokenPerMinute: config.readsPerTokenPerMinute,
    streamsPerToken: config.streamsPerToken,
    kpiReadsAtOnce: config.kpiReadsAtOnce,
  };
  const kpiHealth = { maxFailures: config.kpiHealthMaxFailures, maxLagSeconds: config.kpiHealthMaxLagS };
  watchKpiHealth(warehouse, kpiHealth);
  const api = await buildServer({ warehouse, pipeline, log, ingestMaxBodyBytes: config.ingestMaxBodyBytes, bus, alerts, limits, kpiHealth });
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
    bus,
    api,
    alerts,
    ...(kpi ? { kpi } : {}),
    url,
    async stop() {
      // Order matters: stop taking requests, write what is buffered, then close the engine.
      await api.close();
      await pipeline.flush();
      await kpi?.stop();
      await streamRules.stop();
      for (const relay of relays) await relay.stop();
      await alerts.stop();
      await warehouse.close();
    },
  };
}
