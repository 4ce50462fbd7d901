import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real product for the end-to-end test: `node bin/radar.js start` as a child process with
 * its own data directory, a free port, the simulator on and a short backfill. Every wait has a
 * deadline and says what it waited for.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOKEN = /radar_[0-9a-f]{16}_[A-Za-z0-9_-]{43}/;

export interface Product {
  url: string;
  adminToken: string;
  dataDir: string;
  output(): string;
  api<T>(path: string, init?: { method?: string; body?: unknown; token?: string }): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function until<T>(what: string, deadlineMs: number, probe: () => Promise<T | undefined> | T | undefined, everyMs = 250): Promise<T> {
  const end = Date.now() + deadlineMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** An admin token issued into the (not yet running) store: the CLI when it has `token`, else the helper. */
function preIssueToken(env: NodeJS.ProcessEnv): string | null {
  const cli = spawnSync(process.execPath, ['bin/radar.js', 'token', 'create', '--role', 'admin', '--name', 'dashboard-e2e'], { cwd: ROOT, env, encoding: 'utf8' });
  const fromCli = TOKEN.exec(cli.stdout ?? '')?.[0];
  if (cli.status === 0 && fromCli) return fromCli;
  const helper = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'dashboard/e2e/issue-admin-token.ts')], { cwd: ROOT, env, encoding: 'utf8' });
  return TOKEN.exec(helper.stdout ?? '')?.[0] ?? null;
}

export async function startProduct(opts: { backfillDays?: number; simRate?: number; env?: Record<string, string> } = {}): Promise<Product> {
  const dataDir = mkdtempSync(join(tmpdir(), 'radar-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RADAR_DATA_DIR: dataDir,
    RADAR_PORT: String(port),
    RADAR_HOST: '127.0.0.1',
    RADAR_BACKFILL_DAYS: String(opts.backfillDays ?? 2),
    RADAR_SIM_RATE: String(opts.simRate ?? 20),
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  const preIssued = preIssueToken(env);
  let out = '';
  const child: ChildProcess = spawn(process.execPath, ['bin/radar.js', 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));

  const stop = async () => {
    if (exited === null) {
      child.kill('SIGINT');
      await until('the product to stop', 30_000, () => (exited !== null ? true : undefined)).catch(() => child.kill('SIGKILL'));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const url = await until('radar start to print its URL', 120_000, () => {
      if (exited !== null) throw new Error(`radar start exited (${exited}):\n${out}`);
      return /dashboard\s+(http:\/\/\S+?)\/?\s/.exec(out)?.[1]?.replace('localhost', '127.0.0.1');
    });
    const adminToken = preIssued ?? (await until('radar start to print an admin token', 10_000, () => TOKEN.exec(out)?.[0]));
    const api = async <T>(path: string, init: { method?: string; body?: unknown; token?: string } = {}) => {
      const res = await fetch(`${url}${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${init.token ?? adminToken}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    };
    return { url, adminToken, dataDir, output: () => out, api, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
