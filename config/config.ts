import Type from 'typebox';
import { Compile } from 'typebox/compile';
import { validate as validCron } from 'node-cron';

/**
 * All configuration, read once from the environment with defaults and validation. Every
 * setting is documented here and in the README's configuration table.
 */
const ConfigSchema = Type.Object({
  dataDir: Type.String({ minLength: 1 }),
  clickhouseUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
  clickhouseUser: Type.String(),
  clickhousePassword: Type.String(),
  clickhouseDatabase: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }),
  host: Type.String({ minLength: 1 }),
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  logLevel: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  logFormat: Type.Enum(['auto', 'pretty', 'json']),
  kpiCron: Type.String({ minLength: 1 }),
  kpiScheduler: Type.Boolean(),
  kpiHealthMaxFailures: Type.Integer({ minimum: 1, maximum: 10_000 }),
  kpiHealthMaxLagS: Type.Integer({ minimum: 60, maximum: 30 * 86_400 }),
  ingestMaxBodyBytes: Type.Integer({ minimum: 1024 }),
  ingestBatchRows: Type.Integer({ minimum: 1 }),
  ingestBatchMs: Type.Integer({ minimum: 1 }),
  kafkaBrokers: Type.Optional(Type.String({ minLength: 1 })),
  kafkaGroupId: Type.String({ minLength: 1 }),
  kafkaTopicPrefix: Type.String({ pattern: '^[A-Za-z0-9._-]*$', maxLength: 200 }),
  kafkaPartitions: Type.Integer({ minimum: 1, maximum: 1000 }),
  kafkaFetchMaxWaitMs: Type.Integer({ minimum: 1, maximum: 10_000 }),
  kafkaPartitionsConcurrently: Type.Integer({ minimum: 1, maximum: 256 }),
  kafkaMaxBytesPerPartition: Type.Integer({ minimum: 64 * 1024, maximum: 256 * 1024 * 1024 }),
  kafkaMaxBytes: Type.Integer({ minimum: 64 * 1024, maximum: 1024 * 1024 * 1024 }),
  kafkaChunkMessages: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  kafkaMaxPendingBytes: Type.Integer({ minimum: 64 * 1024, maximum: 4 * 1024 * 1024 * 1024 }),
  kafkaLagIntervalMs: Type.Integer({ minimum: 0 }),
  kafkaSessionTimeoutMs: Type.Integer({ minimum: 6_000, maximum: 300_000 }),
  metricsPort: Type.Integer({ minimum: 0, maximum: 65535 }),
  backfillDays: Type.Integer({ minimum: 0, maximum: 365 }),
  simulatorRate: Type.Number({ minimum: 0 }),
  simulatorSeed: Type.Integer(),
  simulatorEnabled: Type.Boolean(),
  alertsRulesFile: Type.Optional(Type.String({ minLength: 1 })),
  alertsEngine: Type.Boolean(),
  publicUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
  alertsWebhookTimeoutMs: Type.Integer({ minimum: 100, maximum: 120_000 }),
  alertsWebhookAttempts: Type.Integer({ minimum: 1, maximum: 20 }),
  alertsStreamPollMs: Type.Integer({ minimum: 100, maximum: 60_000 }),
  authFailuresPerMinute: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  readsPerTokenPerMinute: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
  streamsPerToken: Type.Integer({ minimum: 1, maximum: 10_000 }),
  kpiReadsAtOnce: Type.Integer({ minimum: 0, maximum: 64 }),
});
export type Config = Type.Static<typeof ConfigSchema>;

const compiled = Compile(ConfigSchema);

/** Environment variable behind each setting, with its default. */
export const ENV: Record<keyof Config, { env: string; default?: string; doc: string }> = {
  dataDir: { env: 'RADAR_DATA_DIR', default: './data', doc: 'Embedded ClickHouse (chDB) data directory' },
  clickhouseUrl: { env: 'CLICKHOUSE_URL', doc: 'ClickHouse server URL; unset = embedded chDB' },
  clickhouseUser: { env: 'CLICKHOUSE_USER', default: 'default', doc: 'ClickHouse user (server mode)' },
  clickhousePassword: { env: 'CLICKHOUSE_PASSWORD', default: '', doc: 'ClickHouse password (server mode)' },
  clickhouseDatabase: { env: 'CLICKHOUSE_DATABASE', default: 'radar', doc: 'Database holding every table' },
  host: { env: 'RADAR_HOST', default: '127.0.0.1', doc: 'API listen address' },
  port: { env: 'RADAR_PORT', default: '8080', doc: 'API listen port' },
  logLevel: { env: 'LOG_LEVEL', default: 'info', doc: 'pino log level' },
  logFormat: { env: 'RADAR_LOG_FORMAT', default: 'auto', doc: 'Log lines on stderr: `pretty` (readable, coloured), `json` (one pino object a line, for collectors) or `auto` (pretty when stderr is a terminal, else JSON)' },
  kpiCron: { env: 'RADAR_KPI_CRON', default: '* * * * *', doc: 'Schedule of the KPI refresh + snapshot job (cron; a leading seconds field is allowed; default every minute)' },
  kpiScheduler: { env: 'RADAR_KPI_SCHEDULER', default: 'true', doc: '`api` / `start` run the KPI job; set false on extra API replicas (one job per store is enough)' },
  kpiHealthMaxFailures: { env: 'RADAR_KPI_HEALTH_MAX_FAILURES', default: '3', doc: '/healthz and radar_kpi_degraded report the KPI job degraded after this many failed runs in a row' },
  kpiHealthMaxLagS: { env: 'RADAR_KPI_HEALTH_MAX_LAG_S', default: '900', doc: '…or when the KPI watermark trails the warehouse clock by more than this many seconds (≥ 60; keep it above the RADAR_KPI_CRON interval)' },
  ingestMaxBodyBytes: { env: 'RADAR_INGEST_MAX_BODY_BYTES', default: String(16 * 1024 * 1024), doc: 'Largest HTTP ingest body (413 above)' },
  ingestBatchRows: { env: 'RADAR_INGEST_BATCH_ROWS', default: '500000', doc: 'Most rows per ClickHouse insert (a tenth of it is sent at once when an insert slot is free)' },
  ingestBatchMs: { env: 'RADAR_INGEST_BATCH_MS', default: '200', doc: 'Longest a row waits before its batch is flushed' },
  kafkaBrokers: { env: 'KAFKA_BROKERS', doc: 'Comma-separated brokers; set = ingest from Kafka' },
  kafkaGroupId: { env: 'KAFKA_GROUP_ID', default: 'aftersales-radar-ingest', doc: 'Kafka consumer group' },
  kafkaTopicPrefix: { env: 'KAFKA_TOPIC_PREFIX', default: '', doc: 'Prefix of every Kafka topic name (e.g. `staging.`); DLQs are `<topic>.dlq`' },
  kafkaPartitions: { env: 'KAFKA_PARTITIONS', default: '4', doc: 'Partitions per topic created by `radar kafka init`' },
  kafkaFetchMaxWaitMs: { env: 'KAFKA_FETCH_MAX_WAIT_MS', default: '100', doc: 'Longest a fetch waits for data (low = low latency)' },
  kafkaPartitionsConcurrently: { env: 'KAFKA_PARTITIONS_CONCURRENTLY', default: '16', doc: 'Partition batches processed at once per ingest process' },
  kafkaMaxBytesPerPartition: { env: 'KAFKA_MAX_BYTES_PER_PARTITION', default: String(4 * 1024 * 1024), doc: 'Bytes fetched per partition per fetch' },
  kafkaMaxBytes: { env: 'KAFKA_MAX_BYTES', default: String(8 * 1024 * 1024), doc: 'Bytes fetched per fetch, all partitions (bounds memory)' },
  kafkaChunkMessages: { env: 'KAFKA_CHUNK_MESSAGES', default: '5000', doc: 'Messages handed to the pipeline at once; their offsets are committed together' },
  kafkaMaxPendingBytes: { env: 'KAFKA_MAX_PENDING_BYTES', default: String(32 * 1024 * 1024), doc: 'Bytes of messages handed to the pipeline and not yet stored (fetching pauses beyond this)' },
  kafkaLagIntervalMs: { env: 'KAFKA_LAG_INTERVAL_MS', default: '5000', doc: 'How often consumer lag is measured for /metrics (0 = never)' },
  kafkaSessionTimeoutMs: { env: 'KAFKA_SESSION_TIMEOUT_MS', default: '30000', doc: 'A consumer silent this long is dropped from the group and its partitions move' },
  metricsPort: { env: 'RADAR_METRICS_PORT', default: '9464', doc: 'Prometheus /metrics port of `radar ingest` (0 = off)' },
  backfillDays: { env: 'RADAR_BACKFILL_DAYS', default: '14', doc: 'Days of history `start` simulates into an empty store' },
  simulatorRate: { env: 'RADAR_SIM_RATE', default: '2', doc: 'Live simulator events/s in `start`, in real time: sets how many rooms (then viewers) are live, not how fast a session talks (0 = off)' },
  simulatorSeed: { env: 'RADAR_SIM_SEED', default: '42', doc: 'Simulator seed' },
  simulatorEnabled: { env: 'RADAR_SIMULATOR', default: 'true', doc: '`start` runs the built-in simulator' },
  alertsRulesFile: { env: 'RADAR_ALERTS_RULES', doc: 'Alert rules file with the defaults (unset = config/alerts.default.json); admin edits via the API are kept in ClickHouse' },
  alertsEngine: { env: 'RADAR_ALERTS_ENGINE', default: 'true', doc: '`api` / `start` also run the alert engine; set false where a separate `radar alerts` process runs it' },
  publicUrl: { env: 'RADAR_PUBLIC_URL', doc: 'External base URL of the dashboard/API, for links in webhook messages' },
  alertsWebhookTimeoutMs: { env: 'RADAR_ALERTS_WEBHOOK_TIMEOUT_MS', default: '5000', doc: 'Timeout of one webhook attempt' },
  alertsWebhookAttempts: { env: 'RADAR_ALERTS_WEBHOOK_ATTEMPTS', default: '6', doc: 'Webhook attempts per notification (exponential backoff with jitter between them)' },
  alertsStreamPollMs: { env: 'RADAR_ALERTS_STREAM_POLL_MS', default: '1000', doc: 'How often each API process tails alert_events for its SSE clients' },
  authFailuresPerMinute: { env: 'RADAR_AUTH_FAILURES_PER_MINUTE', default: '30', doc: 'Failed authentications per client address per minute before 429s' },
  readsPerTokenPerMinute: { env: 'RADAR_READS_PER_TOKEN_PER_MINUTE', default: '1200', doc: 'KPI / trace / session reads per token per minute before 429s' },
  streamsPerToken: { env: 'RADAR_STREAMS_PER_TOKEN', default: '10', doc: 'Event streams (SSE) one token may hold open' },
  kpiReadsAtOnce: { env: 'RADAR_KPI_READS_AT_ONCE', default: '2', doc: 'KPI answers computed at once per API process (0: no answer cache, no bound)' },
};

const KAFKA_NUMERIC: (keyof Config)[] = [
  'kafkaPartitions', 'kafkaFetchMaxWaitMs', 'kafkaPartitionsConcurrently', 'kafkaMaxBytesPerPartition',
  'kafkaMaxBytes', 'kafkaChunkMessages', 'kafkaMaxPendingBytes', 'kafkaLagIntervalMs', 'kafkaSessionTimeoutMs', 'metricsPort',
];

function coerce(key: keyof Config, raw: string): unknown {
  const numeric = new Set<keyof Config>(['port', 'kpiHealthMaxFailures', 'kpiHealthMaxLagS', 'ingestMaxBodyBytes', 'ingestBatchRows', 'ingestBatchMs', 'backfillDays', 'simulatorRate', 'simulatorSeed', ...KAFKA_NUMERIC, 'alertsWebhookTimeoutMs', 'alertsWebhookAttempts', 'alertsStreamPollMs', 'authFailuresPerMinute', 'readsPerTokenPerMinute', 'streamsPerToken', 'kpiReadsAtOnce']);
  if (numeric.has(key)) return raw.trim() === '' ? Number.NaN : Number(raw);
  if (key === 'kpiScheduler') return !['false', '0', 'no', 'off'].includes(raw.toLowerCase());
  if (key === 'simulatorEnabled' || key === 'alertsEngine') return !['false', '0', 'no', 'off'].includes(raw.toLowerCase());
  return raw;
}

export class ConfigError extends Error {}

/** Reads the configuration; throws ConfigError naming the variable when a value is invalid. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(ENV) as (keyof Config)[]) {
    const spec = ENV[key];
    const raw = env[spec.env] ?? spec.default;
    if (raw !== undefined) out[key] = coerce(key, raw);
  }
  Object.assign(out, overrides);
  if (!compiled.Check(out)) {
    const problems = [...compiled.Errors(out)].map((e) => {
      const key = e.instancePath.replace(/^\//, '') as keyof Config;
      const name = ENV[key]?.env ?? key;
      return `${name}=${JSON.stringify(out[key])}: ${e.message}`;
    });
    throw new ConfigError(`invalid configuration: ${[...new Set(problems)].join('; ')}`);
  }
  if (!validCron(String(out.kpiCron))) {
    throw new ConfigError(`invalid configuration: RADAR_KPI_CRON=${JSON.stringify(out.kpiCron)}: not a cron expression (e.g. "* * * * *")`);
  }
  return out as Config;
}
