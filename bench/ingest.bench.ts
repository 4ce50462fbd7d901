/**
 * npm run bench:ingest — Kafka → validate → ClickHouse, ours against ClickHouse's own Kafka engine.
 *
 * 1. Produces BENCH_EVENTS (1,000,000) mixed events (~1.5 % malformed) to four fresh topics on
 *    the broker in KAFKA_BROKERS, or on a local broker started for the run.
 * 2. Our consumer (startKafkaIngest, default settings) in a fresh process with its own chDB:
 *    time from start until the group's committed offsets reach the end of every partition —
 *    committed means stored, so that is "all rows arrived" — and the process's peak RSS.
 * 3. chDB's `ENGINE = Kafka` on the same topics in another fresh process: a Kafka table per
 *    topic, a materialized view into a ReplacingMergeTree copy of our table, broken messages
 *    routed to an errors table (kafka_handle_error_mode = 'stream'); time until every message
 *    is a row or an error row.
 * Each measurement runs in its own process: chDB binds one data directory per process, and
 * peak RSS must be the consumer's alone.
 *
 * Profiling one side: with a long-running broker in KAFKA_BROKERS, `--produce` produces once
 * and prints the run as JSON; `BENCH_RUN='<that JSON>' BENCH_GROUP=<new group> node --import
 * tsx bench/ingest.bench.ts --ours` then consumes the same messages again (add node flags such
 * as --cpu-prof before --import).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { startBroker, type BrokerHandle } from '../broker/kafka-broker.ts';
import { KAFKA_VERSION } from '../broker/kafka-jars.ts';
import { ensureTopics } from '../broker/topics.ts';
import { loadConfig } from '../config/config.ts';
import { CONTRACTS, TOPICS, type Topic } from '../contracts/index.ts';
import { measureLag } from '../ingest/kafka/lag-monitor.ts';
import { startKafkaIngest } from '../ingest/kafka/kafka-ingest.ts';
import { createLogger } from '../observability/logger.ts';
import { createPipeline } from '../runtime/ingest-runtime.ts';
import { openWarehouse, queryRows, type ClickHouseClient } from '../warehouse/client.ts';
import { migrate } from '../warehouse/migrate.ts';
import { BENCH_MIX, benchLine } from './bench-data.ts';

const TOTAL = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 4);
const MALFORMED_EVERY = 67; // ~1.5 %
const SELF = fileURLToPath(import.meta.url);
/**
 * Extra Kafka-table settings (one consumer group per table, like ours per process). The engine's
 * defaults flush a block every 7.5 s (stream_flush_interval_ms) or at ~1M rows; a shorter
 * flush lets rows arrive as they are read, which is what our consumer does too.
 */
const NATIVE_TUNING = process.env.BENCH_NATIVE_SETTINGS ?? ', kafka_flush_interval_ms = 500';

interface Run {
  brokers: string;
  prefix: string;
  messages: number;
  valid: number;
  malformed: number;
}
interface Result {
  seconds: number;
  rate: number;
  /** CPU time of the measuring process (all its threads) over the measured span. */
  cpuSeconds: number;
  /** CPU time of the JS (main) thread alone over the measured span (Linux; ours only). */
  jsThreadCpuSeconds?: number;
  peakRssMb: number;
  /** Largest V8 heap (used) seen while measuring, sampled every 50 ms (ours only). */
  peakHeapMb?: number;
  /** Largest Buffer memory (outside the V8 heap) seen while measuring (ours only). */
  peakBuffersMb?: number;
  /** RSS once the warehouse is open and migrated, before consuming (ours only). */
  startRssMb?: number;
  stored: number;
  errors: number;
  note?: string;
}

const topicOf = (run: Run, t: Topic) => `${run.prefix}${t}`;
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const cpuSince = (start: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
};
/**
 * CPU seconds of this process's main thread so far, from /proc (Linux): the JS thread is what
 * limits our consumer, and unlike wall time this figure holds up when other work shares the
 * cores. undefined elsewhere.
 */
function jsThreadCpu(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ = 100
  } catch {
    return undefined;
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function produce(run: Run): Promise<void> {
  const kafka = new Kafka({ clientId: 'bench-producer', brokers: run.brokers.split(','), logLevel: logLevel.ERROR });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  const inFlight: Promise<unknown>[] = [];
  let id = 0;
  for (const [topic, share] of BENCH_MIX) {
    const count = Math.round(TOTAL * share);
    for (let done = 0; done < count; ) {
      const n = Math.min(10_000, count - done);
      const messages = new Array<{ key: string; value: string }>(n);
      for (let k = 0; k < n; k++, id++) {
        const bad = id % MALFORMED_EVERY === MALFORMED_EVERY - 1;
        messages[k] = { key: `k${id}`, value: bad ? `{"event_id":"bad-${id}","occurred_at":` : benchLine(topic, id) };
        if (bad) run.malformed++;
        else run.valid++;
      }
      run.messages += n;
      done += n;
      inFlight.push(producer.send({ topic: topicOf(run, topic), acks: -1, messages }));
      if (inFlight.length >= 8) await inFlight.shift();
    }
  }
  await Promise.all(inFlight);
  await producer.disconnect();
}

/** Child: our consumer with the product's default settings. */
async function measureOurs(run: Run): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'radar-bench-ours-'));
  // BENCH_GROUP: a fresh group to consume topics produced by an earlier `--produce` again.
  const group = process.env.BENCH_GROUP ?? `${run.prefix}radar`;
  const log = createLogger('warn', 'bench-ingest');
  const config = loadConfig({ ...process.env, KAFKA_BROKERS: run.brokers, KAFKA_GROUP_ID: group, KAFKA_TOPIC_PREFIX: run.prefix, RADAR_DATA_DIR: dir, KAFKA_LAG_INTERVAL_MS: '0' });
  const warehouse = await openWarehouse(config);
  await migrate(warehouse.client);
  const pipeline = createPipeline(warehouse, config, log);
  const admin = new Kafka({ clientId: 'bench-lag', brokers: run.brokers.split(','), logLevel: logLevel.ERROR }).admin();
  await admin.connect();
  const topics = TOPICS.map((t) => topicOf(run, t));
  const startRssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  const cpu0 = process.cpuUsage();
  const js0 = jsThreadCpu();
  const t0 = performance.now();
  const ingest = await startKafkaIngest({ pipeline, config, log });
  let peakHeap = 0;
  let peakBuffers = 0;
  for (;;) {
    const mem = process.memoryUsage();
    peakHeap = Math.max(peakHeap, mem.heapUsed);
    peakBuffers = Math.max(peakBuffers, mem.arrayBuffers);
    const lags = await measureLag(admin, group, topics);
    if (lags.every((l) => l.lag === 0)) break;
    await sleep(50);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuSince(cpu0);
  const js1 = jsThreadCpu();
  const peakRssMb = rssMb();
  await ingest.stop();
  await admin.disconnect();
  const stored = await countRows(warehouse.client, TOPICS.map((t) => CONTRACTS[t].table), true);
  const errors = await countRows(warehouse.client, ['dead_letters'], true);
  await warehouse.close();
  rmSync(dir, { recursive: true, force: true });
  const jsThreadCpuSeconds = js0 === undefined || js1 === undefined ? undefined : js1 - js0;
  return { seconds, rate: run.messages / seconds, cpuSeconds, jsThreadCpuSeconds, peakRssMb, peakHeapMb: Math.round(peakHeap / 2 ** 20), peakBuffersMb: Math.round(peakBuffers / 2 ** 20), startRssMb, stored, errors };
}

/** Child: ClickHouse's Kafka table engine inside chDB, into equivalent tables. */
async function measureNative(run: Run): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'radar-bench-native-'));
  const warehouse = await openWarehouse({ dataDir: dir, clickhouseUser: 'default', clickhousePassword: '', clickhouseDatabase: 'radar' });
  const ch = warehouse.client;
  await migrate(ch);
  const settings = `kafka_broker_list = '${run.brokers}', kafka_format = 'JSONEachRow', kafka_handle_error_mode = 'stream',
    date_time_input_format = 'best_effort', input_format_skip_unknown_fields = 1${NATIVE_TUNING}`;
  await ch.command({ query: `CREATE TABLE native_errors (topic String, raw String, error String, _partition UInt64, _offset UInt64) ENGINE = MergeTree ORDER BY (topic, _partition, _offset)` });
  const natives: string[] = [];
  const views: string[] = [];
  for (const topic of TOPICS) {
    const table = CONTRACTS[topic].table;
    const cols = await queryRows<{ name: string; type: string }>(
      ch,
      `SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = {t:String}
       AND default_kind != 'MATERIALIZED' AND NOT startsWith(name, '_') ORDER BY position`,
      { t: table },
    );
    const names = cols.map((c) => c.name).join(', ');
    await ch.command({ query: `CREATE TABLE native_${table} AS ${table}` });
    await ch.command({ query: `CREATE TABLE kafka_${table} (${cols.map((c) => `${c.name} ${c.type}`).join(', ')}) ENGINE = Kafka SETTINGS kafka_topic_list = '${topicOf(run, topic)}', kafka_group_name = '${run.prefix}native-${table}', ${settings}` });
    natives.push(`native_${table}`);
    views.push(
      `CREATE MATERIALIZED VIEW mv_${table} TO native_${table} AS SELECT ${names}, _partition, _offset FROM kafka_${table} WHERE length(_error) = 0`,
      `CREATE MATERIALIZED VIEW mv_err_${table} TO native_errors AS SELECT '${topic}' AS topic, _raw_message AS raw, _error AS error, _partition, _offset FROM kafka_${table} WHERE length(_error) > 0`,
    );
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // A Kafka table consumes only while a materialized view reads from it: the clock starts here.
  for (const v of views) await ch.command({ query: v });
  const deadline = Date.now() + Number(process.env.BENCH_NATIVE_TIMEOUT_S ?? 300) * 1000;
  let stored = 0;
  let errors = 0;
  while (Date.now() < deadline) {
    stored = await countRows(ch, natives, false);
    errors = await countRows(ch, ['native_errors'], false);
    if (stored + errors >= run.messages) break;
    await sleep(50);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuSince(cpu0);
  const peakRssMb = rssMb();
  const note = stored + errors < run.messages ? `timed out with ${stored + errors} of ${run.messages} rows` : undefined;
  for (const t of TOPICS) await ch.command({ query: `DROP TABLE kafka_${CONTRACTS[t].table}` });
  await warehouse.close();
  rmSync(dir, { recursive: true, force: true });
  return { seconds, rate: (stored + errors) / seconds, cpuSeconds, peakRssMb, stored, errors, ...(note ? { note } : {}) };
}

async function countRows(ch: ClickHouseClient, tables: string[], final: boolean): Promise<number> {
  const parts = tables.map((t) => `(SELECT count() FROM ${t}${final ? ' FINAL' : ''})`).join(' + ');
  const [row] = await queryRows<{ c: string }>(ch, `SELECT ${parts} AS c`);
  return Number(row?.c ?? 0);
}

/** Runs one measurement in a fresh process of this file and reads its JSON result. */
function child(mode: 'ours' | 'native', run: Run): Promise<Result> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', SELF, `--${mode}`], {
      env: { ...process.env, BENCH_RUN: JSON.stringify(run) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as Result);
      else reject(new Error(`${mode} run failed (exit ${code}): ${out.slice(-2000)}`));
    });
  });
}

function machine(): string {
  const chdb = (JSON.parse(readFileSync(new URL('../node_modules/chdb/package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return `${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${process.platform} ${process.arch}, Node ${process.version}, Kafka ${KAFKA_VERSION} (local, same machine), chdb ${chdb}`;
}

async function main(): Promise<void> {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`machine: ${machine()}`);
  out(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other processes on this machine skew every figure below)`);
  let broker: BrokerHandle | undefined;
  let brokerDir: string | undefined;
  let brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    brokerDir = mkdtempSync(join(tmpdir(), 'radar-bench-kafka-'));
    broker = await startBroker({ dataDir: brokerDir, heapMb: 1024 });
    brokers = broker.brokers;
  }
  try {
    const run: Run = { brokers, prefix: `bench-${randomBytes(3).toString('hex')}-`, messages: 0, valid: 0, malformed: 0 };
    await ensureTopics(brokers, TOPICS.map((t) => topicOf(run, t)), PARTITIONS);
    const t0 = performance.now();
    await produce(run);
    const produceS = (performance.now() - t0) / 1000;
    out(`produced ${run.messages.toLocaleString()} messages (${run.malformed.toLocaleString()} malformed) to 4 topics × ${PARTITIONS} partitions in ${produceS.toFixed(1)} s`);

    const ours = await child('ours', run);
    out(`ours   (kafkajs → validate → INSERT): ${Math.round(ours.rate).toLocaleString()} events/s — ${run.messages.toLocaleString()} in ${ours.seconds.toFixed(2)} s, ${ours.cpuSeconds.toFixed(1)} CPU-s (JS thread ${ours.jsThreadCpuSeconds?.toFixed(1) ?? '?'}); ${ours.stored.toLocaleString()} rows + ${ours.errors.toLocaleString()} dead letters; peak RSS ${ours.peakRssMb} MB (${ours.startRssMb} MB before consuming; JS heap used ≤ ${ours.peakHeapMb} MB, Buffers ≤ ${ours.peakBuffersMb} MB)`);
    if (ours.stored !== run.valid || ours.errors !== run.malformed) throw new Error(`ours stored ${ours.stored}/${run.valid} rows and ${ours.errors}/${run.malformed} dead letters`);

    const native = await child('native', run);
    out(`native (chDB ENGINE = Kafka + MV):     ${Math.round(native.rate).toLocaleString()} rows/s — ${(native.stored + native.errors).toLocaleString()} in ${native.seconds.toFixed(2)} s, ${native.cpuSeconds.toFixed(1)} CPU-s; ${native.stored.toLocaleString()} rows + ${native.errors.toLocaleString()} error rows; peak RSS ${native.peakRssMb} MB${native.note ? ` (${native.note})` : ''}`);
    out(`        native settings: ${NATIVE_TUNING.replace(/^,\s*/, '') || '(engine defaults)'}; broken messages → native_errors via kafka_handle_error_mode = 'stream'`);
    const ratio = ours.rate / native.rate;
    out(`ratio ours / native: ${ratio.toFixed(2)}×`);
    out(`targets: ≥ 100,000 events/s ${ours.rate >= 100_000 ? 'met' : 'MISSED'}; ≥ 0.7× native ${ratio >= 0.7 ? 'met' : 'MISSED'}; RSS ≤ 800 MB ${ours.peakRssMb <= 800 ? 'met' : 'MISSED'}`);
  } finally {
    await broker?.stop();
    if (brokerDir) rmSync(brokerDir, { recursive: true, force: true });
  }
}

const mode = process.argv[2];
if (mode === '--produce') {
  // For profiling one side alone: produce once, then run `--ours` with BENCH_RUN set to the
  // printed JSON (and a new BENCH_GROUP per run).
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('--produce needs KAFKA_BROKERS (a broker that outlives this process)');
  const run: Run = { brokers, prefix: `bench-${randomBytes(3).toString('hex')}-`, messages: 0, valid: 0, malformed: 0 };
  await ensureTopics(brokers, TOPICS.map((t) => topicOf(run, t)), PARTITIONS);
  await produce(run);
  process.stdout.write(`${JSON.stringify(run)}\n`);
  process.exit(0);
} else if (mode === '--ours' || mode === '--native') {
  const run = JSON.parse(process.env.BENCH_RUN ?? '{}') as Run;
  const result = mode === '--ours' ? await measureOurs(run) : await measureNative(run);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
} else {
  await main();
}
