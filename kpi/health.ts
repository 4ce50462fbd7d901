import { Gauge } from 'prom-client';
import { registry } from '../observability/metrics.ts';
import { queryRows, type Warehouse } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';
import { REFRESH_STATE_NAME } from './freshness.ts';
import { fromChTime } from './time.ts';

/**
 * Is the KPI job keeping up? A refresh that fails on every run used to leave /healthz "ok"
 * while every KPI froze (issue #21). Two signals, either one makes the job degraded:
 *
 * - failures in a row of the job in THIS process (kpi/scheduler.ts records each run): the
 *   quick signal, with the error that keeps recurring;
 * - the watermark's lag behind the engine clock, read from the store: the signal that works in
 *   every process (an API replica without the job, a store whose job died or never ran). Every
 *   successful run moves the watermark to the engine's now, even with nothing new ingested, so
 *   on a store whose job runs every minute the lag stays around a minute.
 */
export interface KpiHealthLimits {
  /** Failed runs in a row at which the job counts as degraded. */
  maxFailures: number;
  /** Seconds the watermark may trail the engine clock. */
  maxLagSeconds: number;
}

export const KPI_HEALTH_DEFAULTS: KpiHealthLimits = { maxFailures: 3, maxLagSeconds: 900 };

export interface KpiHealth {
  status: 'ok' | 'degraded';
  /** Why degraded, in words an operator can act on; empty when ok. */
  reasons: string[];
  /** Whether this process runs the KPI job (the failure streak is known only here). */
  job_in_process: boolean;
  consecutive_failures: number;
  last_error: string | null;
  last_success_at: string | null;
  /** Until when the KPIs include raw events; null before the first run. */
  watermark: string | null;
  lag_s: number | null;
  limits: { max_failures: number; max_lag_s: number };
}

/** The job's run history in this process (one job per process: kpi/scheduler.ts). */
const job = { running: false, failures: 0, lastError: null as string | null, lastSuccess: null as number | null, startedAt: Date.now() };

export function kpiJobStarted(): void {
  job.running = true;
  job.startedAt = Date.now();
}
export function kpiJobStopped(): void {
  job.running = false;
}
export function recordKpiRunOk(at = Date.now()): void {
  job.failures = 0;
  job.lastError = null;
  job.lastSuccess = at;
  consecutiveFailures.set(0);
}
export function recordKpiRunFailed(err: unknown): void {
  job.failures += 1;
  job.lastError = err instanceof Error ? err.message : String(err);
  consecutiveFailures.set(job.failures);
}

export async function kpiHealth(warehouse: Warehouse, limits: KpiHealthLimits = KPI_HEALTH_DEFAULTS): Promise<KpiHealth> {
  const [mark] = await queryRows<{ watermark: string; has_watermark: string; now: string }>(
    warehouse.client,
    loadSql('kpi/refresh/watermark'),
    { name: REFRESH_STATE_NAME },
  );
  const has = mark !== undefined && Number(mark.has_watermark) > 0;
  const now = mark ? fromChTime(mark.now).getTime() : Date.now();
  const watermark = has ? fromChTime(mark.watermark) : null;
  const lag = watermark ? Math.max(0, Math.round((now - watermark.getTime()) / 1000)) : null;
  const reasons: string[] = [];
  if (job.running && job.failures >= limits.maxFailures) {
    reasons.push(`KPI refresh failed ${job.failures} runs in a row (limit ${limits.maxFailures}): ${job.lastError ?? 'unknown error'}`);
  }
  if (lag !== null && lag > limits.maxLagSeconds) {
    reasons.push(`KPI watermark ${lag} s behind (limit ${limits.maxLagSeconds} s): every KPI shows data up to ${watermark!.toISOString()}`);
  }
  // No watermark yet: fine while the job's first run is under way, degraded once it has been
  // missing longer than the lag allows (a store no job ever refreshed).
  if (!watermark && (!job.running || Date.now() - job.startedAt > limits.maxLagSeconds * 1000)) {
    reasons.push(job.running ? `no KPI refresh has completed in ${Math.round((Date.now() - job.startedAt) / 1000)} s` : 'no KPI refresh has ever completed on this store');
  }
  watermarkLag.set(lag ?? -1);
  degraded.set(reasons.length > 0 ? 1 : 0);
  return {
    status: reasons.length > 0 ? 'degraded' : 'ok',
    reasons,
    job_in_process: job.running,
    consecutive_failures: job.failures,
    last_error: job.lastError,
    last_success_at: job.lastSuccess === null ? null : new Date(job.lastSuccess).toISOString(),
    watermark: watermark ? watermark.toISOString() : null,
    lag_s: lag,
    limits: { max_failures: limits.maxFailures, max_lag_s: limits.maxLagSeconds },
  };
}

const consecutiveFailures = new Gauge({
  name: 'radar_kpi_refresh_consecutive_failures',
  help: 'KPI refresh runs failed in a row in this process (0 after a success)',
  registers: [registry],
});
let watched: { warehouse: Warehouse; limits: KpiHealthLimits } | undefined;
const degraded = new Gauge({
  name: 'radar_kpi_degraded',
  help: '1 when the KPI job is degraded (failed runs in a row or watermark lag over the limits)',
  registers: [registry],
  collect: checkForScrape,
});
const watermarkLag = new Gauge({
  name: 'radar_kpi_watermark_lag_seconds',
  help: 'Seconds the KPI watermark trails the warehouse clock (-1: no watermark yet)',
  registers: [registry],
  collect: checkForScrape,
});

/**
 * Each scrape of /metrics runs one health check first (one small query) where a store is
 * watched, so these gauges are not as old as the last /healthz request. The registry collects
 * metrics concurrently: both gauges wait for the same check.
 */
let inflight: Promise<void> | undefined;
function checkForScrape(): Promise<void> | void {
  if (!watched) return;
  const { warehouse, limits } = watched;
  inflight ??= kpiHealth(warehouse, limits)
    .then(() => undefined, () => void degraded.set(1))
    .finally(() => {
      inflight = undefined;
    });
  return inflight;
}
/** Keeps radar_kpi_degraded and radar_kpi_watermark_lag_seconds current on every scrape. */
export function watchKpiHealth(warehouse: Warehouse, limits: KpiHealthLimits): void {
  watched = { warehouse, limits };
}
