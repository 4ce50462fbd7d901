/**
 * npm run bench:insert — validated events/s from HTTP-sized batches into embedded ClickHouse.
 *
 * Two figures: (1) the ingest pipeline the HTTP route calls (validate → batch → insert), fed
 * NDJSON bodies directly; (2) the same through the real HTTP endpoint on loopback, client and
 * server in this one process (so the client's cost is counted against us too). Peak RSS is the
 * process's maxRSS. Bodies are generated before the clock starts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../api/server.ts';
import { TokenStore } from '../auth/tokens.ts';
import { createLogger } from '../observability/logger.ts';
import { createPipeline } from '../runtime/ingest-runtime.ts';
import { openWarehouse, queryRows } from '../warehouse/client.ts';
import { migrate } from '../warehouse/migrate.ts';
import { benchBatches } from './bench-data.ts';

const TOTAL = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 5_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'radar-bench-'));
  const log = createLogger('warn');
  const warehouse = await openWarehouse({ dataDir: dir, clickhouseUser: 'default', clickhousePassword: '', clickhouseDatabase: 'radar' });
  await migrate(warehouse.client);
  const pipeline = createPipeline(warehouse, { ingestBatchRows: 20_000, ingestBatchMs: 200, dataDir: dir }, log);

  process.stdout.write(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
  process.stdout.write(`generating ${TOTAL.toLocaleString()} events in batches of ${BATCH}…\n`);
  let batches: ReturnType<typeof benchBatches> | undefined = benchBatches(TOTAL, BATCH);

  // 1. Pipeline direct, CONCURRENCY bodies in flight like concurrent HTTP clients.
  let t0 = performance.now();
  await runConcurrently(batches, CONCURRENCY, (b) => pipeline.ingestLines(b.topic, b.lines, 'http'));
  await pipeline.flush();
  const direct = TOTAL / ((performance.now() - t0) / 1000);
  const stored = await countStored(warehouse.client);
  report('pipeline (validate → batch → insert)', direct, stored);
  batches = undefined; // let the first data set go before building the second

  // 2. Through the HTTP endpoint on loopback (new event ids so nothing merges away).
  const httpBatches = benchBatches(TOTAL, BATCH).map((b) => ({
    topic: b.topic,
    body: b.lines.join('\n').replaceAll('"event_id":"b', '"event_id":"h'),
  }));
  const app = await buildServer({ warehouse, pipeline, log, ingestMaxBodyBytes: 64 * 1024 * 1024 });
  // HTTP ingest is admin-only (DESIGN §8).
  const { token } = await new TokenStore(warehouse).create({ role: 'admin', name: 'bench:insert' });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  t0 = performance.now();
  await runConcurrently(httpBatches, CONCURRENCY, async (b) => {
    const res = await fetch(`${url}/v1/events/${b.topic}`, { method: 'POST', body: b.body, headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  });
  const http = TOTAL / ((performance.now() - t0) / 1000);
  report('HTTP POST /v1/events/:topic on loopback', http, (await countStored(warehouse.client)) - stored);

  process.stdout.write(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
  await app.close();
  await warehouse.close();
  rmSync(dir, { recursive: true, force: true });
}

function report(what: string, perSecond: number, stored: number): void {
  process.stdout.write(`${what}: ${Math.round(perSecond).toLocaleString()} events/s (${stored.toLocaleString()} rows stored)\n`);
  if (stored !== TOTAL) throw new Error(`expected ${TOTAL} rows stored, found ${stored}`);
}

async function countStored(client: Parameters<typeof queryRows>[0]): Promise<number> {
  const rows = await queryRows<{ c: string }>(
    client,
    `SELECT (SELECT count() FROM orders) + (SELECT count() FROM refund_events) + (SELECT count() FROM transcript_segments) + (SELECT count() FROM logistics_scans) AS c`,
  );
  return Number(rows[0]?.c ?? 0);
}

async function runConcurrently<T>(items: T[], concurrency: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

await main();
