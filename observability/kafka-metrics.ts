import { Counter, Gauge } from 'prom-client';
import { registry } from './metrics.ts';

// Kafka ingest metrics, on the same registry as the rest (GET /metrics of the API, and the
// small /metrics listener of `radar ingest`). Inserted / dead-lettered events and the batch
// insert latency are counted by the pipeline itself (observability/metrics.ts).

export const kafkaEventsConsumed = new Counter({
  name: 'radar_kafka_events_consumed_total',
  help: 'Messages consumed from Kafka and settled (stored or dead-lettered, offset resolved), per topic',
  labelNames: ['topic'] as const,
  registers: [registry],
});

export const kafkaConsumerLag = new Gauge({
  name: 'radar_kafka_consumer_lag',
  help: "Messages behind per partition: high watermark minus the group's committed offset",
  labelNames: ['topic', 'partition'] as const,
  registers: [registry],
});

export const kafkaDeadLettersProduced = new Counter({
  name: 'radar_kafka_dead_letters_produced_total',
  help: 'Messages copied to <topic>.dlq with their raw bytes and the reason, per source topic',
  labelNames: ['topic'] as const,
  registers: [registry],
});

export const kafkaInsertRetries = new Counter({
  name: 'radar_kafka_insert_retries_total',
  help: 'Chunks that could not be stored (ClickHouse or the DLQ producer failed); their partition paused and read again, nothing committed',
  labelNames: ['topic'] as const,
  registers: [registry],
});

export const kafkaRebalances = new Counter({
  name: 'radar_kafka_rebalances_total',
  help: 'Consumer group rebalances this process took part in',
  registers: [registry],
});

export const kafkaConsumerCrashes = new Counter({
  name: 'radar_kafka_consumer_crashes_total',
  help: 'kafkajs consumer crashes (each one is followed by a restart)',
  registers: [registry],
});

export const kafkaPendingBytes = new Gauge({
  name: 'radar_kafka_pending_bytes',
  help: 'Bytes of consumed messages handed to the pipeline and not yet stored (fetching waits at KAFKA_MAX_PENDING_BYTES)',
  registers: [registry],
});
