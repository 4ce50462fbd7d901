import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { HOST, freePort, isOurBroker, portIsFree, readPid, run, sleep, terminate } from './process-control.ts';
import { KAFKA_VERSION, PROJECT_ROOT, ensureKafkaJars, stderrLogger, type Logger } from './kafka-jars.ts';

export interface StartBrokerOptions {
  /** Holds config, KRaft data and logs; default `data/kafka` under the project root. */
  dataDir?: string;
  /** PLAINTEXT port on 127.0.0.1; default: the one in broker.json if free, else any free port. */
  port?: number;
  heapMb?: number;
  log?: Logger;
  readyTimeoutMs?: number;
}

export interface BrokerHandle {
  brokers: string;
  pid: number;
  dataDir: string;
  stop(): Promise<void>;
}

/** Contents of `<dataDir>/broker.json`, kept after stop so a restart can take the same ports. */
export interface BrokerInfo {
  brokers: string;
  pid: number;
  port: number;
  controllerPort: number;
  kafkaVersion: string;
  startedAt: string;
}

export interface BrokerStatus {
  running: boolean;
  dataDir: string;
  info?: BrokerInfo;
}

const STOP_GRACE_MS = 30_000;

export function defaultBrokerDataDir(): string {
  return process.env.RADAR_KAFKA_DATA || path.join(PROJECT_ROOT, 'data', 'kafka');
}

const files = (dataDir: string) => ({
  props: path.join(dataDir, 'server.properties'),
  log4j: path.join(dataDir, 'log4j.properties'),
  pid: path.join(dataDir, 'broker.pid'),
  info: path.join(dataDir, 'broker.json'),
  log: path.join(dataDir, 'broker.log'),
  // JVM-level failures (bad flags, OOM, missing class) bypass log4j and only reach stdout/stderr.
  out: path.join(dataDir, 'broker.out'),
  kraft: path.join(dataDir, 'kraft-logs'),
});

export async function startBroker(opts: StartBrokerOptions = {}): Promise<BrokerHandle> {
  const log = opts.log ?? stderrLogger;
  const dataDir = path.resolve(opts.dataDir ?? defaultBrokerDataDir());
  const f = files(dataDir);
  const heapMb = opts.heapMb ?? 512;
  await fsp.mkdir(dataDir, { recursive: true });

  const status = await brokerStatus(dataDir);
  if (status.running && status.info) {
    throw new Error(`a broker already runs from ${dataDir} (pid ${status.info.pid}, ${status.info.brokers})`);
  }
  const jars = await ensureKafkaJars(undefined, log);
  const started = Date.now();
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const { port, controllerPort } = await choosePorts(opts.port, status.info);
  const brokers = `${HOST}:${port}`;

  await fsp.writeFile(f.props, serverProperties(port, controllerPort, f.kraft));
  await fsp.writeFile(f.log4j, log4jProperties(f.log));
  const baseJvm = ['-cp', `${jars}/*`, `-Dlog4j.configuration=${pathToFileURL(f.log4j).href}`];

  // meta.properties marks formatted storage; re-formatting would refuse anyway, and skipping it
  // is what lets a restart keep its topics and offsets.
  if (!fs.existsSync(path.join(f.kraft, 'meta.properties'))) {
    await run(java, ['-Xmx256m', ...baseJvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', f.props]);
  }

  const out = fs.openSync(f.out, 'a');
  const child = spawn(
    java,
    [
      `-Xmx${heapMb}m`, `-Xms${heapMb}m`, '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20',
      '-XX:+ExplicitGCInvokesConcurrent', '-Djava.awt.headless=true', ...baseJvm,
      'kafka.Kafka', f.props,
    ],
    // Own process group and unref: `radar kafka start` returns while the broker keeps running.
    { detached: true, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(`broker exited early (code ${code}, signal ${signal})`));
    child.once('error', (e) => resolve(`could not start java: ${e.message}`));
  });
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${await exited}\n${await logTail(dataDir)}`);

  const info: BrokerInfo = { brokers, pid, port, controllerPort, kafkaVersion: KAFKA_VERSION, startedAt: new Date().toISOString() };
  await fsp.writeFile(f.pid, String(pid));
  await fsp.writeFile(f.info, JSON.stringify(info, null, 2));

  // Aborting stops the probe loop once the JVM is known dead; otherwise it would keep the
  // caller's event loop busy until its deadline.
  const probe = new AbortController();
  const failure = await Promise.race([
    waitForBroker(brokers, opts.readyTimeoutMs ?? 90_000, probe.signal).then(() => undefined, (e: Error) => e.message),
    exited,
  ]);
  probe.abort();
  if (failure !== undefined) {
    await terminate(pid, 2_000);
    await fsp.rm(f.pid, { force: true });
    throw new Error(`Kafka broker in ${dataDir} did not start: ${failure}\n${await logTail(dataDir)}`);
  }
  log(`Kafka ${KAFKA_VERSION} ready on ${brokers} in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${pid}, data ${dataDir})`);

  let stopping: Promise<void> | undefined;
  return {
    brokers,
    pid,
    dataDir,
    stop: () => (stopping ??= stopBrokerFromDir(dataDir).then(() => undefined)),
  };
}

/** Polls until the cluster answers describeCluster with at least one broker. */
export async function waitForBroker(brokers: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const kafka = new Kafka({
    clientId: 'radar-broker-probe',
    brokers: brokers.split(','),
    // Refused connections are the expected state while the JVM boots; not worth a log line each.
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 3_000,
    retry: { retries: 0 },
  });
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline && !signal?.aborted) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length > 0) return;
      last = 'cluster lists no brokers yet';
    } catch (e) {
      last = (e as Error).message;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await sleep(300);
  }
  throw new Error(`no answer from ${brokers} within ${timeoutMs / 1000} s (last error: ${last})`);
}

/** Stops the broker whose pid file is in dataDir (works from any process). True if one was running. */
export async function stopBrokerFromDir(dataDir: string, graceMs = STOP_GRACE_MS): Promise<boolean> {
  const f = files(path.resolve(dataDir));
  const pid = await readPid(f.pid);
  const ours = pid !== undefined && isOurBroker(pid, f.props);
  if (ours) await terminate(pid, graceMs);
  await fsp.rm(f.pid, { force: true });
  return ours;
}

export async function brokerStatus(dataDir: string): Promise<BrokerStatus> {
  const abs = path.resolve(dataDir);
  const f = files(abs);
  let info: BrokerInfo | undefined;
  try {
    info = JSON.parse(await fsp.readFile(f.info, 'utf8')) as BrokerInfo;
  } catch {
    info = undefined;
  }
  const pid = await readPid(f.pid);
  return { running: pid !== undefined && isOurBroker(pid, f.props), dataDir: abs, ...(info ? { info } : {}) };
}

/** Last lines of the broker's log4j file and JVM output, for error messages. */
export async function logTail(dataDir: string, lines = 30): Promise<string> {
  const f = files(dataDir);
  const parts: string[] = [];
  for (const file of [f.log, f.out]) {
    try {
      const text = await fsp.readFile(file, 'utf8');
      const tail = text.trimEnd().split('\n').slice(-lines).join('\n');
      if (tail) parts.push(`--- last ${lines} lines of ${file} ---\n${tail}`);
    } catch {
      // A missing file just means the JVM died before writing it.
    }
  }
  return parts.join('\n') || `(no broker log in ${dataDir})`;
}

async function choosePorts(requested: number | undefined, prev: BrokerInfo | undefined) {
  let port: number;
  if (requested !== undefined) {
    if (!(await portIsFree(requested))) throw new Error(`port ${requested} on ${HOST} is already in use`);
    port = requested;
  } else {
    // Reusing the previous address lets clients of a restarted broker reconnect without new config.
    port = prev && (await portIsFree(prev.port)) ? prev.port : await freePort();
  }
  let controllerPort =
    prev && prev.controllerPort !== port && (await portIsFree(prev.controllerPort)) ? prev.controllerPort : await freePort();
  while (controllerPort === port) controllerPort = await freePort();
  return { port, controllerPort };
}

function serverProperties(port: number, controllerPort: number, logDir: string): string {
  return `# Generated by broker/kafka-broker.ts on each start; edits are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${HOST}:${controllerPort}
listeners=PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}
advertised.listeners=PLAINTEXT://${HOST}:${port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${logDir}
num.partitions=1
default.replication.factor=1
offsets.topic.replication.factor=1
# 50 partitions (the default) make the first consumer group join slow on a dev machine.
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
# Topics come from ensureTopics only, so a typo in a producer fails instead of inventing a topic.
auto.create.topics.enable=false
num.network.threads=2
num.io.threads=4
`;
}

function log4jProperties(logFile: string): string {
  return `# Generated by broker/kafka-broker.ts: broker logs go to a file, never to the caller's stdout.
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=${logFile}
log4j.appender.file.MaxFileSize=10MB
log4j.appender.file.MaxBackupIndex=2
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.org.apache.kafka.controller=INFO
`;
}

/** Same shape as Kafka's Uuid.toString: 16 random bytes, base64url, no padding. */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    // Kafka avoids a leading '-' too: the CLI would read it as an option.
    if (!id.startsWith('-')) return id;
  }
}
