import type { Config } from '../config/config.ts';
import type { Logger } from '../observability/logger.ts';
import { startKafkaIngest, type KafkaIngest } from '../ingest/kafka/kafka-ingest.ts';
import type { EventSink } from '../simulator/sink.ts';
import { createSimulation } from '../simulator/simulation.ts';
import { ensureBootstrapAdminToken } from '../auth/bootstrap.ts';
import { runSimulation } from '../simulator/run.ts';
import { queryRows } from '../warehouse/client.ts';
import { loadSql } from '../warehouse/sql-files.ts';
import { embeddedSink } from './embedded-sink.ts';
import { startServices } from './services.ts';
import { roleStatus } from '../observability/role-status.ts';

export interface Running {
  url: string;
  stop(): Promise<void>;
}

/**
 * `radar start`: every role in one process (chDB binds its data directory to one process, so
 * in the embedded default the API, ingest, stream rules and the simulator share it).
 */
export async function startEmbedded(config: Config, log: Logger, say: (line: string) => void): Promise<Running> {
  const services = await startServices(config, log);
  const { warehouse, pipeline } = services;
  const browseUrl = services.url.replace('127.0.0.1', 'localhost');

  say('');
  say('售后雷达 Aftersales Radar is running');
  say(`  dashboard   ${browseUrl}/`);
  say(`  API docs    ${browseUrl}/docs`);
  say(`  health      ${browseUrl}/healthz`);
  // No open, unauthenticated API: each start issues a fresh admin token and revokes the last.
  const adminToken = await ensureBootstrapAdminToken(warehouse);
  say(`  admin token ${adminToken}   (sign in to the dashboard with it; \`radar token create\` issues scoped ones)`);
  say(`  warehouse   ${warehouse.mode === 'embedded' ? `embedded ClickHouse (chDB) in ${warehouse.location}` : warehouse.location}`);

  // KAFKA_BROKERS switches ingest to Kafka: this process joins the consumer group (creating
  // missing topics, as a one-machine setup expects) and the simulator produces to the topics.
  let kafka: KafkaIngest | undefined;
  if (config.kafkaBrokers) {
    kafka = await startKafkaIngest({ pipeline, config, log, createTopics: { partitions: config.kafkaPartitions } });
    say(`  kafka       consuming ${kafka.topics.map((t) => t.source).join(', ')} from ${config.kafkaBrokers} (group ${kafka.groupId})`);
  }

  const abort = new AbortController();
  let simulation: Promise<unknown> = Promise.resolve();
  let sink: EventSink | undefined;
  if (config.simulatorEnabled) {
    const empty = await storeIsEmpty(services.warehouse.client);
    const days = empty ? config.backfillDays : 0;
    say(
      days > 0
        ? `  simulator   backfilling ${days} days of history, then ${config.simulatorRate} events/s live (progress below)`
        : `  simulator   ${config.simulatorRate} events/s live (store already has data: no backfill)`,
    );
    // Said before the simulator starts: the backfill's bar then owns the terminal's last line.
    say('Press Ctrl-C to stop.');
    say('');
    const sim = createSimulation({ seed: config.simulatorSeed, incidents: true });
    sink = config.kafkaBrokers ? await kafkaSink(config.kafkaBrokers, config.kafkaTopicPrefix) : embeddedSink(pipeline);
    roleStatus.set('simulator', 'running');
    simulation = runSimulation({
      simulation: sim,
      sink,
      days,
      rate: config.simulatorRate,
      signal: abort.signal,
      progress: true,
      log: log.child({ role: 'simulator' }),
      onState: (state, reason) => roleStatus.set('simulator', state, reason),
    }).then(
      () => roleStatus.set('simulator', 'finished'),
      (err: unknown) => {
        // Shown on /healthz: a simulator that stopped must not leave "ok" standing.
        roleStatus.set('simulator', 'stopped', err instanceof Error ? err.message : String(err));
        log.error({ err }, 'simulator stopped with an error');
      },
    );
  }
  if (!config.simulatorEnabled) {
    say('Press Ctrl-C to stop.');
    say('');
  }

  return {
    url: services.url,
    async stop() {
      abort.abort();
      await simulation;
      await sink?.close();
      await kafka?.stop();
      await services.stop();
    },
  };
}

/** The simulator's Kafka producer, loaded only when Kafka is configured. */
async function kafkaSink(brokers: string, topicPrefix: string): Promise<EventSink> {
  const { createKafkaSink } = await import('../simulator/kafka-sink.ts');
  return createKafkaSink({ brokers: brokers.split(',').map((b) => b.trim()), topicPrefix });
}

async function storeIsEmpty(client: Parameters<typeof queryRows>[0]): Promise<boolean> {
  const rows = await queryRows<{ n: string }>(client, loadSql('stats/orders_count'));
  return Number(rows[0]?.n ?? 0) === 0;
}
