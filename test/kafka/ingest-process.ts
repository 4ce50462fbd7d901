import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClickHouseClient } from '../../warehouse/client.ts';
import { EXPORTED_TABLES } from './exported-tables.ts';
import { waitFor } from './kafka-test-kit.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface IngestChildOptions {
  brokers: string;
  groupId: string;
  prefix: string;
  /** The child's own chDB directory: chDB binds one data directory per process. */
  dataDir: string;
  database: string;
  env?: Record<string, string>;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface IngestChild {
  pid: number;
  exited: Promise<Exit>;
  /** Everything the child wrote to stdout and stderr (its pino log), for failure messages. */
  output(): string;
  /** Resolves once the child logged that it consumes; rejects if it exits first. */
  running(timeoutMs?: number): Promise<void>;
  kill(signal: NodeJS.Signals): void;
}

const children = new Set<ChildProcess>();
// A test that fails half-way must not leave consumers running that hold the group.
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

/** Starts `radar ingest` (ingest-runner.ts) as a child process. */
/**
 * Settings for a child consumer that must be caught mid-stream: small fetches and chunks mean
 * many commits per run, so a kill or a rebalance lands between them; a short session means a
 * killed member gives its partitions up soon.
 */
export function smallFetchEnv(sessionTimeoutMs: number): Record<string, string> {
  return {
    KAFKA_MAX_BYTES: String(1 << 20),
    KAFKA_MAX_BYTES_PER_PARTITION: String(128 << 10),
    KAFKA_CHUNK_MESSAGES: '500',
    RADAR_INGEST_BATCH_MS: '50',
    KAFKA_SESSION_TIMEOUT_MS: String(sessionTimeoutMs),
  };
}

export function spawnIngest(opts: IngestChildOptions): IngestChild {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RADAR_DATA_DIR: opts.dataDir,
    CLICKHOUSE_DATABASE: opts.database,
    KAFKA_BROKERS: opts.brokers,
    KAFKA_GROUP_ID: opts.groupId,
    KAFKA_TOPIC_PREFIX: opts.prefix,
    RADAR_METRICS_PORT: '0',
    LOG_LEVEL: 'info',
    ...opts.env,
  };
  delete env.CLICKHOUSE_URL; // the child's warehouse is its own embedded directory
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'ingest-runner.ts')], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 2_000_000) output = output.slice(-1_000_000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  let done: Exit | undefined;
  void exited.then((e) => (done = e));
  return {
    pid: child.pid!,
    exited,
    output: () => output,
    async running(timeoutMs = 90_000) {
      await waitFor(`ingest child ${child.pid} to run`, timeoutMs, async () => {
        if (done) throw new Error(`ingest child exited early (${JSON.stringify(done)}):\n${output.slice(-4000)}`);
        return output.includes('kafka ingest running') ? true : undefined;
      });
    },
    kill: (signal) => void child.kill(signal),
  };
}

/** SIGTERM, then waits for a clean exit (code 0) within the deadline. */
export async function stopGracefully(child: IngestChild, timeoutMs = 60_000): Promise<Exit> {
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    return await child.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Copies a stopped consumer's tables out of its data directory (in a child: chDB, one dir per process). */
export async function exportWarehouse(dataDir: string, database: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'radar-export-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'export-runner.ts'), dataDir, database, outDir], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`export of ${dataDir} failed (exit ${code}):\n${output.slice(-4000)}`);
  return outDir;
}

/** Loads exported tables into the test's own warehouse, where the union can be judged; removes the export. */
export async function importTables(client: ClickHouseClient, exportDir: string): Promise<void> {
  try {
    for (const table of EXPORTED_TABLES) {
      const file = join(exportDir, `${table}.native`);
      if (!existsSync(file)) throw new Error(`missing export ${file}`);
      await client.command({ query: `INSERT INTO ${table} FROM INFILE '${file.replace(/'/g, "\\'")}' FORMAT Native` });
    }
  } finally {
    rmSync(exportDir, { recursive: true, force: true });
  }
}
