/**
 * npm run bench:load — fairness under load (issue #20): dashboard readers and ingest writers at once.
 *
 * 1. Starts `radar start` in a child process (embedded chDB, no simulator) on a fresh data dir,
 *    so the clients below do not share the server's event loop.
 * 2. Seeds LOAD_DAYS (1) days of simulated history over HTTP and waits until the KPI job has
 *    refreshed past it (data_as_of), so the overview reads real facts.
 * 3. Ingest alone: LOAD_INGEST_CLIENTS (50) clients, each POSTing batches of LOAD_BATCH (100)
 *    new orders in a loop, for LOAD_SECONDS (30): events/s stored (a 200 means stored).
 * 4. Mixed: the same ingest clients plus LOAD_DASHBOARD_CLIENTS (50) clients, each with its own
 *    ops token, GETting /v1/kpi/overview in a loop (no think time), for LOAD_SECONDS: overview
 *    latency p50/p95/p99/max and ingest events/s.
 *
 * RADAR_KPI_READS_AT_ONCE=0 in the environment turns the answer cache and the bound off, for
 * the comparison. Per-token read limits are raised for the run (closed-loop clients with no
 * think time would otherwise be throttled, which is the limit working, not the figure wanted).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHttpSink } from '../simulator/http-sink.ts';
import { runSimulation } from '../simulator/run.ts';
import { createSimulation } from '../simulator/simulation.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SECONDS = env('LOAD_SECONDS', 30);
const DASHBOARDS = env('LOAD_DASHBOARD_CLIENTS', 50);
const INGESTERS = env('LOAD_INGEST_CLIENTS', 50);
const BATCH = env('LOAD_BATCH', 100);
const DAYS = env('LOAD_DAYS', 1);
const ROOT = join(fileURLToPath(import.meta.url), '..', '..');

interface Server {
  url: string;
  admin: string;
  child: ChildProcess;
}

async function startServer(dataDir: string): Promise<Server> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'radar.js'), 'start'], {
    env: {
      ...process.env,
      RADAR_DATA_DIR: dataDir,
      RADAR_PORT: String(port),
      RADAR_SIMULATOR: 'false',
      RADAR_READS_PER_TOKEN_PER_MINUTE: '100000000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const admin = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /admin token (radar_\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`radar start exited (${code}) before it printed a token:\n${out}`)));
  });
  return { url: `http://127.0.0.1:${port}`, admin, child };
}

async function api<T>(s: Server, method: string, path: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

function order(id: string, at: string) {
  return {
    event_id: id,
    occurred_at: at,
    schema_version: 1,
    order_id: id,
    user_id: 'U-load',
    shop_id: 'S-load',
    sku_id: 'SKU-load',
    category: '服饰',
    live_session_id: 'L-load',
    host_id: 'H-load',
    quantity: 1,
    amount: 99.9,
    region: '广东省',
    refund_policy: '7day_no_reason',
    live_offset_ms: 60_000,
  };
}

/** Runs `clients` loops of `step` until `until`; returns how many steps succeeded and failed. */
async function loops(clients: number, until: number, step: (client: number) => Promise<void>) {
  let ok = 0;
  let failed = 0;
  const errors = new Map<string, number>();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (Date.now() < until) {
        try {
          await step(c);
          ok++;
        } catch (err) {
          failed++;
          const k = String((err as Error).message).slice(0, 80);
          errors.set(k, (errors.get(k) ?? 0) + 1);
        }
      }
    }),
  );
  return { ok, failed, errors };
}

function ingestStep(s: Server, producer: string, run: string) {
  let n = 0;
  return async (client: number) => {
    const at = new Date().toISOString();
    let body = '';
    for (let i = 0; i < BATCH; i++) body += `${JSON.stringify(order(`${run}-${client}-${n++}`, at))}\n`;
    const res = await fetch(`${s.url}/v1/events/orders`, { method: 'POST', headers: { authorization: `Bearer ${producer}`, 'content-type': 'application/x-ndjson' }, body });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`ingest ${res.status} ${text.slice(0, 60)}`);
  };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'radar-load-'));
  const server = await startServer(dir);
  try {
    const producer = (await api<{ token: string }>(server, 'POST', '/v1/tokens', server.admin, { role: 'producer', name: 'load ingest' })).token;
    const readers: string[] = [];
    for (let i = 0; i < DASHBOARDS; i++) readers.push((await api<{ token: string }>(server, 'POST', '/v1/tokens', server.admin, { role: 'ops', name: `load reader ${i}` })).token);

    const seedStart = Date.now();
    const seeded = await runSimulation({
      simulation: createSimulation({ seed: 7, incidents: true, anchorMs: seedStart }),
      sink: createHttpSink({ baseUrl: server.url, token: producer }),
      days: DAYS,
      rate: 0,
      log: { info() {}, warn() {} },
    });
    process.stderr.write(`seeded ${seeded.total} events (${DAYS} day(s)) in ${((Date.now() - seedStart) / 1000).toFixed(1)} s; waiting for the KPI job…\n`);
    const seededAt = Date.now();
    for (;;) {
      const o = await api<{ data_as_of: string | null }>(server, 'GET', '/v1/kpi/overview', server.admin);
      if (o.data_as_of && Date.parse(o.data_as_of) >= seededAt - 60_000) break;
      await new Promise((r) => setTimeout(r, 2000));
    }
    const lone: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await api(server, 'GET', `/v1/kpi/overview?shop_id=lone-${i}`, server.admin);
      lone.push(performance.now() - t0);
    }

    const run = randomBytes(3).toString('hex');
    const alone = await loops(INGESTERS, Date.now() + SECONDS * 1000, ingestStep(server, producer, `${run}a`));

    const latencies: number[] = [];
    const until = Date.now() + SECONDS * 1000;
    const [mixedIngest, reads] = await Promise.all([
      loops(INGESTERS, until, ingestStep(server, producer, `${run}b`)),
      loops(DASHBOARDS, until, async (c) => {
        const t0 = performance.now();
        const res = await fetch(`${server.url}/v1/kpi/overview`, { headers: { authorization: `Bearer ${readers[c]}` } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`overview ${res.status}`);
        latencies.push(performance.now() - t0);
      }),
    ]);
    latencies.sort((a, b) => a - b);
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    const rate = (steps: number) => `${Math.round((steps * BATCH) / SECONDS).toLocaleString('en')} events/s`;
    const lines = [
      `bench:load — ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average at end ${loadavg()[0]!.toFixed(1)}`,
      `answer cache + bound: ${process.env.RADAR_KPI_READS_AT_ONCE === '0' ? 'off (RADAR_KPI_READS_AT_ONCE=0)' : `on (${process.env.RADAR_KPI_READS_AT_ONCE ?? 2} at once)`}`,
      `seed: ${seeded.total} events over ${DAYS} day(s)`,
      `overview alone (uncached filter, 5 calls): ${lone.map(ms).join(', ')}`,
      `ingest alone: ${INGESTERS} clients × ${BATCH}-event batches, ${SECONDS} s: ${rate(alone.ok)} (${alone.failed} failed requests)`,
      `mixed: ${DASHBOARDS} overview clients + ${INGESTERS} ingest clients, ${SECONDS} s`,
      `  overview: ${latencies.length} answers, p50 ${ms(pct(latencies, 50))}, p95 ${ms(pct(latencies, 95))}, p99 ${ms(pct(latencies, 99))}, max ${ms(latencies.at(-1) ?? NaN)}; ${reads.failed} failed`,
      `  ingest: ${rate(mixedIngest.ok)} (${mixedIngest.failed} failed requests)`,
    ];
    for (const [k, n] of [...alone.errors, ...mixedIngest.errors, ...reads.errors]) lines.push(`  error ×${n}: ${k}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    server.child.kill('SIGINT');
    await new Promise((r) => server.child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
