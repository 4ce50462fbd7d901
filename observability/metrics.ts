import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Counters operators watch, in one registry served at GET /metrics. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'radar_' });

export const eventsReceived = new Counter({
  name: 'radar_events_received_total',
  help: 'Events received by ingest, per topic and source',
  labelNames: ['topic', 'source'] as const,
  registers: [registry],
});
export const eventsInserted = new Counter({
  name: 'radar_events_inserted_total',
  help: 'Valid events written to ClickHouse, per topic',
  labelNames: ['topic', 'source'] as const,
  registers: [registry],
});
export const eventsDeadLettered = new Counter({
  name: 'radar_events_dead_lettered_total',
  help: 'Malformed events written to the dead-letter table, per topic',
  labelNames: ['topic', 'source'] as const,
  registers: [registry],
});
export const insertSeconds = new Histogram({
  name: 'radar_insert_duration_seconds',
  help: 'Latency of one batch insert into ClickHouse',
  labelNames: ['table'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});
