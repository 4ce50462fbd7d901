import type { Command } from 'commander';
import { Kafka, logLevel } from 'kafkajs';
import { brokerStatus, defaultBrokerDataDir, startBroker, stopBrokerFromDir } from '../../broker/kafka-broker.ts';
import { KAFKA_VERSION } from '../../broker/kafka-jars.ts';
import { ensureTopics } from '../../broker/topics.ts';
import { ConfigError, loadConfig } from '../../config/config.ts';
import { kafkaTopicNames } from '../../ingest/kafka/topic-names.ts';

interface DirOption {
  dataDir?: string;
}

const out = (text: string) => process.stdout.write(`${text}\n`);

function howToUse(brokers: string): string {
  return `
Use it:
  export KAFKA_BROKERS=${brokers}
  radar kafka init        # the four topics and their .dlq topics
  radar ingest            # consume them into ClickHouse
Stop it with \`radar kafka stop\` (topics and offsets are kept for the next start).`;
}

/** `radar kafka start|stop|status|init`: a local Apache Kafka broker for development and tests. */
export function registerKafka(program: Command): void {
  const kafka = program
    .command('kafka')
    .description(`a local Apache Kafka ${KAFKA_VERSION} broker (KRaft, jars from Maven Central) and the product topics`);

  kafka
    .command('start')
    .description('start a local broker on 127.0.0.1 in the background (first run downloads the jars once)')
    .option('--data-dir <dir>', 'config, logs and topic data (default RADAR_KAFKA_DATA or data/kafka)')
    .option('--port <n>', 'PLAINTEXT port (default: the previous one if free, else any free port)')
    .option('--heap-mb <n>', 'broker JVM heap in MB', '512')
    .action(async (opts: DirOption & { port?: string; heapMb: string }) => {
      const dataDir = opts.dataDir ?? defaultBrokerDataDir();
      const status = await brokerStatus(dataDir);
      if (status.running && status.info) {
        out(`Kafka already running on ${status.info.brokers} (pid ${status.info.pid}, data ${status.dataDir})`);
        out(howToUse(status.info.brokers));
        return;
      }
      const port = opts.port === undefined ? undefined : positiveInt('--port', opts.port);
      const broker = await startBroker({ dataDir, heapMb: positiveInt('--heap-mb', opts.heapMb), ...(port ? { port } : {}) });
      out(`Kafka ${KAFKA_VERSION} running on ${broker.brokers} (pid ${broker.pid}, data ${broker.dataDir})`);
      out(howToUse(broker.brokers));
    });

  kafka
    .command('stop')
    .description('stop the local broker started by `radar kafka start`')
    .option('--data-dir <dir>', 'the broker directory (default RADAR_KAFKA_DATA or data/kafka)')
    .action(async (opts: DirOption) => {
      const dataDir = opts.dataDir ?? defaultBrokerDataDir();
      out((await stopBrokerFromDir(dataDir)) ? `Kafka stopped (${dataDir})` : `no Kafka broker running from ${dataDir}`);
    });

  kafka
    .command('status')
    .description('is the local broker running, and where (exit code 3 when it is not)')
    .option('--data-dir <dir>', 'the broker directory (default RADAR_KAFKA_DATA or data/kafka)')
    .option('--json', 'print the status as JSON')
    .action(async (opts: DirOption & { json?: boolean }) => {
      const status = await brokerStatus(opts.dataDir ?? defaultBrokerDataDir());
      if (opts.json) out(JSON.stringify(status, null, 2));
      else if (status.running && status.info) {
        out(`running: ${status.info.brokers} (pid ${status.info.pid}, Kafka ${status.info.kafkaVersion}, since ${status.info.startedAt})`);
        out(`data: ${status.dataDir}`);
        out(`\nexport KAFKA_BROKERS=${status.info.brokers}`);
      } else out(`not running (data ${status.dataDir})`);
      if (!status.running) process.exitCode = 3;
    });

  kafka
    .command('init')
    .description('create the four topics and their .dlq topics where missing (existing ones are left as they are)')
    .option('--partitions <n>', 'partitions per new topic (default KAFKA_PARTITIONS or 4)')
    .option('--brokers <list>', 'bootstrap brokers (default KAFKA_BROKERS, else the local broker)')
    .action(async (opts: { partitions?: string; brokers?: string }) => {
      const config = loadConfig();
      const partitions = opts.partitions === undefined ? config.kafkaPartitions : positiveInt('--partitions', opts.partitions);
      const brokers = opts.brokers ?? config.kafkaBrokers ?? (await localBrokers());
      const names = kafkaTopicNames(config.kafkaTopicPrefix);
      await ensureTopics(brokers, names.map((n) => n.source), partitions);
      const counts = await partitionCounts(brokers, names.flatMap((n) => [n.source, n.dlq]));
      out(`topics on ${brokers}:`);
      for (const [topic, count] of counts) {
        const note = count === partitions ? '' : `  (existing topic kept with ${count}; partitions are never changed by init)`;
        out(`  ${topic.padEnd(40)} ${count} partition${count === 1 ? '' : 's'}${note}`);
      }
    });
}

function positiveInt(flag: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(`${flag} must be a positive integer, got ${JSON.stringify(raw)}`);
  return n;
}

async function localBrokers(): Promise<string> {
  const status = await brokerStatus(defaultBrokerDataDir());
  if (status.running && status.info) return status.info.brokers;
  throw new ConfigError('no brokers: set KAFKA_BROKERS, pass --brokers, or start a local broker with `radar kafka start`');
}

async function partitionCounts(brokers: string, topics: string[]): Promise<[string, number][]> {
  const admin = new Kafka({ clientId: 'radar-kafka-init', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const { topics: meta } = await admin.fetchTopicMetadata({ topics });
    return topics.map((t) => [t, meta.find((m) => m.name === t)?.partitions.length ?? 0]);
  } finally {
    await admin.disconnect();
  }
}
