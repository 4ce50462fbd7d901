import { Counter, Gauge, Histogram } from 'prom-client';
import { registry } from '../observability/metrics.ts';

/** KPI job health, served with every other metric at GET /metrics. */
export const kpiRuns = new Counter({
  name: 'radar_kpi_refresh_runs_total',
  help: 'KPI refresh runs by outcome (ok, failed, skipped_overlap)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});
export const kpiRunSeconds = new Histogram({
  name: 'radar_kpi_refresh_duration_seconds',
  help: 'Duration of one KPI refresh run (facts, rollups and snapshot)',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  registers: [registry],
});
export const kpiLastSuccess = new Gauge({
  name: 'radar_kpi_refresh_last_success_timestamp_seconds',
  help: 'Unix time of the last successful KPI refresh; alert when it falls behind',
  registers: [registry],
});
export const kpiEntitiesRefreshed = new Counter({
  name: 'radar_kpi_entities_refreshed_total',
  help: 'Refunds and shipments whose facts a refresh recomputed',
  labelNames: ['entity'] as const,
  registers: [registry],
});
