import { Counter, Gauge, Histogram } from 'prom-client';
import { registry } from '../observability/metrics.ts';

/** Alert engine metrics, in the process registry served at GET /metrics. */
export const evaluationsTotal = new Counter({
  name: 'radar_alert_evaluations_total',
  help: 'Rule evaluation attempts, per rule and outcome (ok | error)',
  labelNames: ['rule', 'outcome'] as const,
  registers: [registry],
});
export const evaluationSeconds = new Histogram({
  name: 'radar_alert_evaluation_duration_seconds',
  help: 'Duration of one rule evaluation (query + lifecycle + writes)',
  labelNames: ['rule'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});
export const transitionsTotal = new Counter({
  name: 'radar_alert_transitions_total',
  help: 'Alert transitions, per rule and transition',
  labelNames: ['rule', 'transition'] as const,
  registers: [registry],
});
export const deliveriesTotal = new Counter({
  name: 'radar_alert_deliveries_total',
  help: 'Webhook deliveries, per channel and status (delivered | failed | silenced)',
  labelNames: ['channel', 'status'] as const,
  registers: [registry],
});
export const feedSubscribers = new Gauge({
  name: 'radar_alert_stream_subscribers',
  help: 'Open SSE alert streams in this process',
  registers: [registry],
});
export const groupNotificationsTotal = new Counter({
  name: 'radar_alert_group_notifications_total',
  help: 'Group notifications (grouping: one per burst of a group), per rule and kind (new | update | repeat)',
  labelNames: ['rule', 'kind'] as const,
  registers: [registry],
});
