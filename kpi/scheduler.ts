import cron from 'node-cron';
import type { Logger } from '../observability/logger.ts';
import type { Warehouse } from '../warehouse/client.ts';
import { kpiJobStarted, kpiJobStopped, recordKpiRunFailed, recordKpiRunOk } from './health.ts';
import { kpiEntitiesRefreshed, kpiLastSuccess, kpiRunSeconds, kpiRuns } from './metrics.ts';
import { refreshKpiFacts, type RefreshResult } from './refresh.ts';
import { takeSnapshot } from './snapshot.ts';

export const DEFAULT_KPI_CRON = '* * * * *';

export interface KpiScheduler {
  /** One run now (refresh, then snapshot), unless one is already running. */
  runOnce(): Promise<RefreshResult | undefined>;
  stop(): Promise<void>;
}

/**
 * Runs the KPI refresh and snapshot on a cron schedule (default every minute).
 *
 * Runs never overlap: a tick that finds the previous run still going is skipped and counted
 * (radar_kpi_refresh_runs_total{outcome="skipped_overlap"}); nothing is lost, because the next
 * run starts from the watermark. A failed run is logged and counted, and the watermark stays
 * where it was, so the next tick redoes the same work; it is never silently skipped.
 */
export function startKpiScheduler(warehouse: Warehouse, log: Logger, expression = DEFAULT_KPI_CRON): KpiScheduler {
  if (!cron.validate(expression)) throw new Error(`invalid KPI cron expression "${expression}"`);
  let running: Promise<RefreshResult | undefined> | undefined;

  const run = async (): Promise<RefreshResult | undefined> => {
    const end = kpiRunSeconds.startTimer();
    try {
      const result = await refreshKpiFacts(warehouse, log);
      await takeSnapshot(warehouse, new Date(result.to));
      kpiRuns.inc({ outcome: 'ok' });
      kpiLastSuccess.set(Date.now() / 1000);
      recordKpiRunOk();
      kpiEntitiesRefreshed.inc({ entity: 'refund' }, result.refunds);
      kpiEntitiesRefreshed.inc({ entity: 'shipment' }, result.shipments);
      log.debug({ ...result }, 'kpi refresh');
      return result;
    } catch (err) {
      kpiRuns.inc({ outcome: 'failed' });
      // Counted in a row for /healthz (kpi/health.ts): one failure is retried, a streak is degraded.
      recordKpiRunFailed(err);
      log.error({ err }, 'kpi refresh failed; the next run retries from the same watermark');
      return undefined;
    } finally {
      end();
    }
  };

  const runOnce = (): Promise<RefreshResult | undefined> => {
    if (running) {
      kpiRuns.inc({ outcome: 'skipped_overlap' });
      log.warn('kpi refresh still running; this tick is skipped');
      return running;
    }
    running = run().finally(() => {
      running = undefined;
    });
    return running;
  };

  // noOverlap is node-cron's own guard; runOnce guards too, because runOnce is also called
  // directly (at start-up, and by tests).
  const task = cron.schedule(expression, () => runOnce(), { name: 'kpi-refresh', noOverlap: true });
  task.on('execution:overlap', () => {
    kpiRuns.inc({ outcome: 'skipped_overlap' });
    log.warn('kpi refresh still running; this tick is skipped');
  });
  kpiJobStarted();
  void runOnce();

  return {
    runOnce,
    async stop() {
      await task.destroy();
      await running;
      kpiJobStopped();
    },
  };
}
