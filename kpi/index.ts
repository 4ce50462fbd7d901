/**
 * The KPI layer (DESIGN §4) for every consumer — the API, the alert engine, the CLI. Nothing
 * here imports api/: alerts and ingest may use it freely.
 *
 * Reads come from the facts and rollups the refresh job keeps (refresh.ts); each function takes
 * a window, the request's filters and the caller's scope, all bound as query parameters.
 */
export { filterParams, inScope, previousWindow, type KpiFilter, type Scope, type Window } from './filters.ts';
export { backlogShipments, BACKLOG_KINDS, type BacklogKind, type BacklogShipment } from './backlog-shipments.ts';
export { dataAsOf } from './freshness.ts';
export { logisticsNational, logisticsRegions, LOGISTICS_DEFAULTS, type LogisticsFigures, type RegionRow } from './logistics.ts';
export { overview, type Overview, type Tile } from './overview.ts';
export type { Page, Paged } from './query.ts';
export { refreshKpiFacts, REFRESH_OVERLAP_MS, type RefreshResult } from './refresh.ts';
export { csat, reasonDistribution, refundStages, refundSummary, STAGES, type RefundSummary, type StagesAnswer } from './refund-flow.ts';
export { cohortWindow, rolling7Days } from './cohort-plan.ts';
export { returnRates, returnSummary, type ReturnRateRow, type ReturnSummary } from './return-rates.ts';
export { startKpiScheduler, DEFAULT_KPI_CRON, type KpiScheduler } from './scheduler.ts';
export { takeSnapshot } from './snapshot.ts';
export { orderTrace, type OrderTrace } from './trace.ts';
export { trend, TREND_METRIC_NAMES, TrendRequestError, type Granularity, type TrendPoint } from './trends.ts';
