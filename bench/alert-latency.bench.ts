/**
 * npm run bench:alert-latency — produce → host console latency of a wording reminder under load.
 *
 * One process runs what `radar start` runs with KAFKA_BROKERS set: Kafka ingest (default
 * settings) into embedded ClickHouse, the stream rules, and the API with a host console
 * connected over SSE. A child process keeps a background load of BENCH_LOAD (20,000) mixed
 * events/s flowing into the same topics. Every PROBE_MS this process produces one host segment
 * with a risky phrase and times produce → SSE receipt at the console. Then it measures the
 * detector alone on typical segments. The broker is KAFKA_BROKERS, or a local one started here.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { buildServer } from '../api/server.ts';
import { TokenStore } from '../auth/tokens.ts';
import { startBroker, type BrokerHandle } from '../broker/kafka-broker.ts';
import { loadConfig } from '../config/config.ts';
import { startKafkaIngest } from '../ingest/kafka/kafka-ingest.ts';
import { eventsInserted } from '../observability/metrics.ts';
import { createLogger } from '../observability/logger.ts';
import { ReminderBus } from '../realtime/reminders.ts';
import { createPipeline } from '../runtime/ingest-runtime.ts';
import { attachStreamRules } from '../runtime/stream-rules.ts';
import { connectSse } from '../test/helpers/sse-client.ts';
import { transcript } from '../test/helpers/fixtures.ts';
import { openWarehouse } from '../warehouse/client.ts';
import { createRawInsert } from '../warehouse/raw-insert.ts';
import { migrate } from '../warehouse/migrate.ts';
import { createDetector, loadLexicon } from '../wording/index.ts';
import { BENCH_MIX, benchLine } from './bench-data.ts';

const LOAD = Number(process.env.BENCH_LOAD ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const PROBE_MS = Number(process.env.BENCH_PROBE_MS ?? 200);
const RISKY = ['家人们这款精华全网最低价', '这个面霜100%有效', '加我微信私聊下单', '绝对正品假一赔十', '能根治痘痘的'];

/** Child: produce LOAD events/s of mixed traffic until killed (scheduled by elapsed time, no drift). */
async function loadGenerator(brokers: string, prefix: string): Promise<void> {
  const kafka = new Kafka({ clientId: 'bench-load', brokers: [brokers], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const tickMs = 100;
  const perTick = Math.round((LOAD * tickMs) / 1000);
  const start = Date.now();
  let sent = 0;
  let id = 0;
  for (;;) {
    const due = Math.floor(((Date.now() - start) * LOAD) / 1000) - sent;
    if (due > 0) {
      const n = Math.min(due, perTick * 3);
      const byTopic = new Map<string, { key: string; value: string }[]>();
      for (let i = 0; i < n; i++) {
        const [topic] = BENCH_MIX[i % BENCH_MIX.length]!;
        const key = `k${id % 997}`;
        const list = byTopic.get(topic) ?? [];
        list.push({ key, value: benchLine(topic, id++) });
        byTopic.set(topic, list);
      }
      await producer.sendBatch({ topicMessages: [...byTopic].map(([t, messages]) => ({ topic: `${prefix}${t}`, messages })), acks: 1 });
      sent += n;
      process.send?.({ sent });
    }
    await new Promise((r) => setTimeout(r, tickMs));
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'radar-latency-'));
  let broker: BrokerHandle | undefined;
  let brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    broker = await startBroker({ dataDir: join(dir, 'kafka'), heapMb: 1024, log: (m) => process.stderr.write(`${m}\n`) });
    brokers = broker.brokers;
  }
  const prefix = `lat-${randomBytes(3).toString('hex')}.`;
  const log = createLogger('warn');
  const config = loadConfig({ KAFKA_BROKERS: brokers, KAFKA_TOPIC_PREFIX: prefix, KAFKA_GROUP_ID: `${prefix}g`, RADAR_DATA_DIR: dir });
  const warehouse = await openWarehouse(config, log);
  await migrate(warehouse.client);
  const pipeline = createPipeline(warehouse, config, log);
  const bus = new ReminderBus();
  const rules = attachStreamRules({ pipeline, insert: createRawInsert(warehouse, join(dir, 'tmp')), bus, log });
  const ingest = await startKafkaIngest({ pipeline, config, log, createTopics: { partitions: config.kafkaPartitions } });
  const store = new TokenStore(warehouse);
  const hostToken = (await store.create({ role: 'host', host_id: 'H-bench' })).token;
  const app = await buildServer({ warehouse, pipeline, log, ingestMaxBodyBytes: 1 << 20, bus, tokens: store });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const console_ = await connectSse(`${url}/v1/host/stream`, hostToken);
  await console_.waitFor((e) => e.event === 'ready');

  process.stdout.write(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; broker ${brokers}\n`);
  const child = fork(fileURLToPath(import.meta.url), ['--load', brokers, prefix], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  let loadSent = 0;
  child.on('message', (m: { sent: number }) => (loadSent = m.sent));

  const kafka = new Kafka({ clientId: 'bench-probe', brokers: [brokers], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const inserted = async () => (await eventsInserted.get()).values.reduce((s, v) => s + v.value, 0);

  // Warm-up: let the load reach steady state before measuring.
  await new Promise((r) => setTimeout(r, 5_000));
  const insertedAtStart = await inserted();
  const sentAtStart = loadSent;
  const t0 = Date.now();
  const latencies: number[] = [];
  let lost = 0;
  for (let n = 0; Date.now() - t0 < SECONDS * 1000; n++) {
    const id = `${prefix}probe-${n}`;
    const seg = transcript({ event_id: id, host_id: 'H-bench', live_session_id: 'L-bench', text: RISKY[n % RISKY.length]!, occurred_at: new Date().toISOString() });
    const sentAt = performance.now();
    await producer.send({ topic: `${prefix}livestream-transcripts`, acks: 1, messages: [{ key: 'L-bench', value: JSON.stringify(seg) }] });
    try {
      await console_.waitFor((e) => e.event === 'reminder' && (e.data as { id: string }).id === `${id}#0`, 5_000);
      latencies.push(performance.now() - sentAt);
    } catch {
      lost++;
    }
    const next = t0 + (n + 1) * PROBE_MS;
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
  }
  const seconds = (Date.now() - t0) / 1000;
  const loadRate = (loadSent - sentAtStart) / seconds;
  const ingestRate = ((await inserted()) - insertedAtStart) / seconds;
  child.kill('SIGKILL');

  latencies.sort((a, b) => a - b);
  const fmt = (x: number) => `${x.toFixed(1)} ms`;
  process.stdout.write(`background load: produced ${Math.round(loadRate).toLocaleString()} events/s, ingested ${Math.round(ingestRate).toLocaleString()} events/s over ${seconds.toFixed(0)} s\n`);
  process.stdout.write(
    `produce → host console (SSE) over ${latencies.length} probes: p50 ${fmt(percentile(latencies, 50))}, p99 ${fmt(percentile(latencies, 99))}, max ${fmt(latencies.at(-1) ?? Number.NaN)}; lost ${lost}\n`,
  );

  const detector = createDetector(loadLexicon());
  const segments = Array.from({ length: 50_000 }, (_, i) => (i % 10 === 0 ? RISKY[i % RISKY.length]! : `宝宝们这件卫衣是纯棉的，第${i % 7}次返场，尺码偏大一码，最近天气冷`));
  const d0 = performance.now();
  let hits = 0;
  for (const s of segments) hits += detector.detect(s).length;
  process.stdout.write(`detector: ${Math.round(segments.length / ((performance.now() - d0) / 1000)).toLocaleString()} segments/s on one thread (10% risky, ${hits} hits)\n`);
  process.stdout.write(`peak RSS (this process): ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`);

  console_.close();
  await producer.disconnect();
  await ingest.stop();
  await app.close();
  await rules.stop();
  await warehouse.close();
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv[2] === '--load') await loadGenerator(process.argv[3]!, process.argv[4]!);
else await main();
