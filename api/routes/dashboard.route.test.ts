import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dashboardRoutes } from './dashboard.route.ts';

let dist: string;
let app: FastifyInstance;
const INDEX = '<!doctype html><title>radar</title><script type="module" src="/assets/index-abc.js"></script>';
const JS = `console.log(${JSON.stringify('x'.repeat(4000))});`;

beforeEach(async () => {
  dist = mkdtempSync(join(tmpdir(), 'dash-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'index-abc.js'), JS);
  app = Fastify();
  app.get('/v1/known', async () => ({ ok: true }));
  await app.register(dashboardRoutes, { distDir: dist });
  await app.ready();
});

afterEach(async () => {
  await app.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('dashboard route', () => {
  it('serves index.html at / without caching it', async () => {
    const r = await app.inject({ url: '/' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.body).toBe(INDEX);
  });

  it('serves hashed assets for a year, gzipped when asked', async () => {
    const plain = await app.inject({ url: '/assets/index-abc.js' });
    expect(plain.headers['cache-control']).toContain('immutable');
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.body).toBe(JS);
    const gz = await app.inject({ url: '/assets/index-abc.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(JS);
    expect(gz.rawPayload.length).toBeLessThan(JS.length / 10);
  });

  it('answers any other page path with index.html (SPA fallback), but a missing asset with 404', async () => {
    expect((await app.inject({ url: '/skus/SKU001?range=7d' })).body).toBe(INDEX);
    expect((await app.inject({ url: '/assets/index-old.js' })).statusCode).toBe(404);
  });

  it('leaves API paths alone: routes still answer, unknown ones stay 404 JSON', async () => {
    expect((await app.inject({ url: '/v1/known' })).json()).toEqual({ ok: true });
    const r = await app.inject({ url: '/v1/nope' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ statusCode: 404 });
    expect((await app.inject({ url: '/docs/nope' })).statusCode).toBe(404);
  });

  it('never reads outside dist, whatever the path says', async () => {
    writeFileSync(join(dist, '..', 'secret.txt'), 'secret');
    for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const r = await app.inject({ url });
      expect(r.body).not.toContain('secret');
    }
    rmSync(join(dist, '..', 'secret.txt'));
  });

  it('says how to build the dashboard when dist is missing, and picks up a rebuild', async () => {
    rmSync(join(dist, 'index.html'));
    const missing = await app.inject({ url: '/' });
    expect(missing.statusCode).toBe(503);
    expect(missing.body).toContain('npm run build:dashboard');
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>v2</title>');
    const later = new Date(Date.now() + 5000);
    utimesSync(join(dist, 'index.html'), later, later);
    expect((await app.inject({ url: '/' })).body).toContain('v2');
  });
});
