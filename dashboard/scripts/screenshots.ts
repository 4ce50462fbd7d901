/**
 * The README's screenshots (docs/img/*.png), taken from the product as `npm start` runs it:
 * `node bin/radar.js start` with its own data directory and a short backfill, signed in with
 * the admin token it prints, in Debian's Chromium through playwright-core (never a browser
 * download). zh-CN is the dashboard's default language, so that is what the pictures show.
 *
 *   node --import tsx dashboard/scripts/screenshots.ts      (npm run screenshots)
 *
 * SHOT_DAYS (default 3) sets the backfill; CHROMIUM_PATH the browser.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'docs', 'img');
const TOKEN = /radar_[0-9a-f]{16}_[A-Za-z0-9_-]{43}/;
const VIEWPORT = { width: 1280, height: 800 };

async function until<T>(what: string, ms: number, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await Promise.resolve().then(probe).catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'radar-shots-'));
const port = 18_000 + Math.floor(Math.random() * 2000);
const child = spawn(process.execPath, ['bin/radar.js', 'start'], {
  cwd: ROOT,
  env: { ...process.env, RADAR_DATA_DIR: dataDir, RADAR_PORT: String(port), RADAR_BACKFILL_DAYS: process.env.SHOT_DAYS ?? '3', RADAR_LOG_FORMAT: 'json' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let out = '';
child.stdout.on('data', (b: Buffer) => (out += b.toString()));
child.stderr.on('data', (b: Buffer) => (out += b.toString()));

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const url = `http://127.0.0.1:${port}`;
  const admin = await until('the admin token', 120_000, () => TOKEN.exec(out)?.[0]);
  // The overview is worth a picture once the backfill is in and the KPI job has run on it.
  await until('the backfill', 900_000, () => (/backfill done/.test(out) ? true : undefined));
  const api = async <T>(path: string, body?: unknown, token = admin): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const settled = async (page: Page) => {
    await page.waitForSelector('[data-testid=kpi-tile] [data-testid=kpi-value]:text-matches("\\\\d")', { timeout: 120_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=loading]').length === 0, null, { timeout: 60_000 });
  };
  mkdirSync(OUT, { recursive: true });

  const page = await browser.newPage({ viewport: VIEWPORT, locale: 'zh-CN' });
  await page.goto(`${url}/`);
  await page.fill('#token', admin);
  await page.click('[data-testid=sign-in-submit]');
  // The first KPI refresh after the backfill takes a while: reload until the refund tile and the
  // trend show the backfilled history (a tile reading 0 or — means the refresh is not done yet).
  await until('the backfilled KPIs on the overview', 600_000, async () => {
    await page.goto(`${url}/#/overview`);
    await settled(page);
    const first = await page.locator('[data-testid=kpi-tile] [data-testid=kpi-value]').first().textContent();
    if (/[1-9]/.test(first ?? '') && (await page.locator('[data-testid=trend-chart] svg').count()) > 0) return true;
    await new Promise((r) => setTimeout(r, 15_000));
    return undefined;
  });
  await page.screenshot({ path: join(OUT, 'overview.png') });

  // The host console, as a host of the simulated world sees it after one risky line.
  const hosts = await api<{ rows: { key: string }[] }>('/v1/kpi/return-rates?by=host&limit=1');
  const host = hosts.rows[0]?.key ?? 'HOST001';
  const { token } = await api<{ token: string }>('/v1/tokens', { role: 'host', host_id: host, name: 'screenshots' });
  const tablet = await browser.newPage({ viewport: VIEWPORT, locale: 'zh-CN' });
  await tablet.goto(`${url}/`);
  await tablet.fill('#token', token);
  await tablet.click('[data-testid=sign-in-submit]');
  await tablet.waitForSelector('[data-testid=console-page] [data-testid=stream-status][data-status=open]', { timeout: 30_000 });
  const line = {
    event_id: randomUUID(),
    occurred_at: new Date().toISOString(),
    schema_version: 1,
    live_session_id: `LS_SHOT_${Date.now()}`,
    host_id: host,
    shop_id: 'SHOP_SHOT',
    speaker: 'host',
    text: '家人们这个面霜绝对是全网最低价',
    sku_id: 'SKU_SHOT',
    offset_ms: 120_000,
  };
  await api('/v1/events/livestream-transcripts', [line]);
  await tablet.waitForSelector('[data-testid=reminder] [data-testid=big-phrase]', { timeout: 10_000 });
  await tablet.screenshot({ path: join(OUT, 'host-console.png') });

  for (const f of ['overview.png', 'host-console.png']) console.log(`docs/img/${f}  ${(statSync(join(OUT, f)).size / 1024).toFixed(0)} KB`);
} catch (err) {
  console.error(String(err), `\n--- radar start output (tail) ---\n${out.slice(-4000)}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
