import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config/config.ts';
import { startKafkaIngest } from '../../ingest/kafka/kafka-ingest.ts';
import { MissingTopicsError } from '../../ingest/kafka/topic-names.ts';
import { serveMetrics, type MetricsServer } from '../../ingest/kafka/metrics-server.ts';
import { commandLogger, type Logger } from '../../observability/logger.ts';
import { createPipeline } from '../../runtime/ingest-runtime.ts';
import { attachStreamRules, startReminderRelays, streamRuleParams } from '../../runtime/stream-rules.ts';
import { ReminderBus } from '../../realtime/reminders.ts';
import { createRawInsert } from '../../warehouse/raw-insert.ts';
import { join } from 'node:path';
import { hostBurstReport, questionSpikeReport, type AlertReport } from '../../alerts/report.ts';
import { alertSettingsOf, startAlerting } from '../../alerts/runtime.ts';
import { openWarehouse } from '../../warehouse/client.ts';
import { migrate } from '../../warehouse/migrate.ts';
import { onShutdown } from '../shutdown.ts';

export interface IngestRole {
  metricsUrl: string | undefined;
  /** Stops consuming (in-flight work finished and committed), flushes, closes the warehouse. */
  stop(): Promise<void>;
}

export interface IngestRoleOptions {
  /** Create missing topics and DLQs (KAFKA_PARTITIONS partitions) instead of failing. */
  createTopics?: boolean;
}

/** The `ingest` role: Kafka → validate → ClickHouse, plus its own /metrics listener. */
export async function startIngestRole(config: Config, log: Logger, opts: IngestRoleOptions = {}): Promise<IngestRole> {
  const warehouse = await openWarehouse(config, log);
  let metrics: MetricsServer | undefined;
  try {
    await migrate(warehouse.client, log);
    const pipeline = createPipeline(warehouse, config, log);
    // The stream rules run here, where transcripts arrive; their reminders reach the consoles
    // (connected to API processes) over the Kafka relay topic.
    const bus = new ReminderBus();
    // Bursts and spikes become alerts through the shared lifecycle in ClickHouse; the alerts
    // role's delivery sweep sends their webhooks (this process only records them).
    const alerting = await startAlerting(warehouse, alertSettingsOf(config), log, { engine: false, feed: false });
    const report = (r: AlertReport) => void alerting.engine.report(r).catch((err: unknown) => log.warn({ err, rule: r.rule }, 'alert report failed'));
    const rules = attachStreamRules({
      pipeline,
      streamParams: await streamRuleParams(alerting),
      insert: createRawInsert(warehouse, join(config.dataDir, 'tmp')),
      bus,
      log,
      warehouse: warehouse.client,
      onBurst: (b) => report(hostBurstReport(b)),
      onSpike: (s) => report(questionSpikeReport(s)),
    });
    const relays = await startReminderRelays(bus, config, log, 'publish');
    if (config.metricsPort > 0) metrics = await serveMetrics(config.host, config.metricsPort, log);
    const kafka = await startKafkaIngest({
      pipeline,
      config,
      log,
      ...(opts.createTopics ? { createTopics: { partitions: config.kafkaPartitions } } : {}),
    });
    if (metrics) log.info({ url: metrics.url }, 'ingest metrics listening');
    return {
      metricsUrl: metrics?.url,
      async stop() {
        // Order matters: stop consuming (commits what is stored), write anything still
        // buffered, then close the engine.
        await kafka.stop();
        await pipeline.flush();
        await rules.stop();
        await alerting.stop();
        for (const relay of relays) await relay.stop();
        await metrics?.close();
        await warehouse.close();
      },
    };
  } catch (err) {
    await metrics?.close();
    await warehouse.close();
    throw err;
  }
}

const NO_BROKERS = `radar ingest: KAFKA_BROKERS is not set.
  This role reads the Kafka topics; point it at a cluster, e.g.
    radar kafka start            # a local dev broker; prints the address
    export KAFKA_BROKERS=127.0.0.1:9092
    radar kafka init             # topics and their .dlq topics
    radar ingest
  Without Kafka, \`radar start\` runs everything in one process (HTTP ingest + simulator).
`;

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('run the ingest role: consume the Kafka topics into ClickHouse (needs KAFKA_BROKERS)')
    .option('--group <id>', 'consumer group (default KAFKA_GROUP_ID)')
    .option('--create-topics', 'create missing topics and their .dlq topics (KAFKA_PARTITIONS partitions) instead of failing')
    .addHelpText(
      'after',
      `
Offsets are committed only after the rows up to them are in ClickHouse; malformed messages go to
<topic>.dlq and the dead_letters table. Prometheus metrics: http://RADAR_HOST:RADAR_METRICS_PORT/metrics
(default port 9464, 0 = off). Stops cleanly on SIGINT/SIGTERM. Settings: KAFKA_GROUP_ID,
KAFKA_TOPIC_PREFIX, KAFKA_FETCH_MAX_WAIT_MS, KAFKA_PARTITIONS_CONCURRENTLY, KAFKA_MAX_BYTES(_PER_PARTITION),
KAFKA_CHUNK_MESSAGES, KAFKA_LAG_INTERVAL_MS, KAFKA_SESSION_TIMEOUT_MS (see \`radar config\`).`,
    )
    .action(async (opts: { group?: string; createTopics?: boolean }) => {
      const config = loadConfig(process.env, opts.group ? { kafkaGroupId: opts.group } : {});
      if (!config.kafkaBrokers) {
        process.stderr.write(NO_BROKERS);
        process.exitCode = 2;
        return;
      }
      const log = commandLogger(config, 'radar-ingest');
      let role: IngestRole;
      try {
        role = await startIngestRole(config, log, { createTopics: opts.createTopics ?? false });
      } catch (err) {
        if (!(err instanceof MissingTopicsError)) throw err;
        process.stderr.write(`radar ingest: ${err.message}\n`);
        process.exitCode = 2;
        return;
      }
      onShutdown(async (signal) => {
        log.info({ signal }, 'stopping ingest');
        await role.stop();
      });
    });
}
