import type { Command } from 'commander';
import { loadConfig } from '../../config/config.ts';
import { serveMetrics, type MetricsServer } from '../../ingest/kafka/metrics-server.ts';
import { watchKpiHealth } from '../../kpi/health.ts';
import { refreshKpiFacts } from '../../kpi/refresh.ts';
import { startKpiScheduler } from '../../kpi/scheduler.ts';
import { takeSnapshot } from '../../kpi/snapshot.ts';
import { commandLogger } from '../../observability/logger.ts';
import { openWarehouse } from '../../warehouse/client.ts';
import { migrate } from '../../warehouse/migrate.ts';
import { onShutdown } from '../shutdown.ts';

/**
 * `radar kpi run`: the KPI job as its own role (scale-out: run it once per store and set
 * RADAR_KPI_SCHEDULER=false on the API processes). `radar kpi refresh`: one run now.
 */
export function registerKpi(program: Command): void {
  const kpi = program.command('kpi').description('the KPI job: facts, rollups and snapshots behind every KPI');

  kpi
    .command('run')
    .description('run the KPI job on RADAR_KPI_CRON (default every minute) until stopped; /metrics on RADAR_METRICS_PORT')
    .action(async () => {
      const config = loadConfig();
      const log = commandLogger(config);
      const warehouse = await openWarehouse(config, log);
      await migrate(warehouse.client, log);
      const scheduler = startKpiScheduler(warehouse, log.child({ role: 'kpi' }), config.kpiCron);
      // Its own /metrics (radar_kpi_degraded, the failure streak, the lag): the job's failures
      // in a row are known only in the process that runs it.
      watchKpiHealth(warehouse, { maxFailures: config.kpiHealthMaxFailures, maxLagSeconds: config.kpiHealthMaxLagS });
      // A port taken (by an `ingest` or `alerts` role on the same host) costs the metrics, not the job.
      const metrics: MetricsServer | undefined =
        config.metricsPort > 0
          ? await serveMetrics(config.host, config.metricsPort, log).catch((err: unknown) => {
              log.warn({ err }, 'kpi job: no /metrics listener');
              return undefined;
            })
          : undefined;
      log.info({ cron: config.kpiCron, metrics: metrics?.url }, 'kpi job running');
      onShutdown(async () => {
        await scheduler.stop();
        await metrics?.close();
        await warehouse.close();
      });
    });

  kpi
    .command('refresh')
    .description('fold everything ingested since the last run into the KPI facts now, and take a snapshot')
    .action(async () => {
      const config = loadConfig();
      const log = commandLogger(config);
      const warehouse = await openWarehouse(config, log);
      try {
        await migrate(warehouse.client, log);
        const r = await refreshKpiFacts(warehouse, log);
        await takeSnapshot(warehouse, new Date(r.to));
        process.stdout.write(
          `kpi refresh: ${r.refunds} refunds, ${r.shipments} shipments, ${r.orderHours} order hours, ${r.cohortHours} cohort hours in ${r.ms} ms (data up to ${r.to})\n`,
        );
      } finally {
        await warehouse.close();
      }
    });
}
