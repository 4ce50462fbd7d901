import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Serves the built dashboard (dashboard/dist, written by `npm run build:dashboard`, which
 * install and start run) at `/`: hashed assets cached for a year, index.html never cached, and
 * any other path outside the API answered with index.html (SPA fallback). The files are read
 * into memory once (the build is well under a megabyte) with a gzip copy of each text file;
 * a rebuild is picked up when index.html changes.
 *
 * Paths are looked up in that in-memory map only, so no request path ever reaches the file
 * system (no traversal). API-looking paths (/v1, /docs, …) that matched no route keep their 404.
 */
export const DEFAULT_DIST_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dashboard', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.map']);
const NOT_SPA = /^\/(v1|docs|healthz|metrics)(\/|$)/;

interface Asset {
  body: Buffer;
  gzip: Buffer | null;
  type: string;
  immutable: boolean;
}

interface Bundle {
  indexMtimeMs: number;
  files: Map<string, Asset>;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

function load(dist: string): Bundle | null {
  let indexMtimeMs: number;
  try {
    indexMtimeMs = statSync(join(dist, 'index.html')).mtimeMs;
  } catch {
    return null;
  }
  const files = new Map<string, Asset>();
  for (const file of walk(dist)) {
    const url = `/${relative(dist, file).split(sep).join('/')}`;
    const ext = extname(file).toLowerCase();
    const body = readFileSync(file);
    files.set(url, {
      body,
      gzip: COMPRESSIBLE.has(ext) && body.length > 1024 ? gzipSync(body, { level: 9 }) : null,
      type: TYPES[ext] ?? 'application/octet-stream',
      immutable: url.startsWith('/assets/'),
    });
  }
  return { indexMtimeMs, files };
}

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>售后雷达 Aftersales Radar</title>
<body style="font-family:system-ui,sans-serif;margin:2rem;color:#1f2937">
<h1>售后雷达 Aftersales Radar</h1>
<p>仪表盘尚未构建。The dashboard is not built yet: run <code>npm run build:dashboard</code> (npm install and npm start do it for you).</p>
<p>The API is running: <a href="/docs">/docs</a> · <a href="/healthz">/healthz</a></p></body></html>`;

/** The decoded path of a request URL without query or trailing slash ('/' for the root). */
function pathOf(url: string): string {
  const raw = (url.split('?')[0] ?? '/').replace(/\/+$/, '') || '/';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Headers of every dashboard answer (issue #20). The page loads only its own bundle and talks
 * only to this origin (REST + SSE), so the policy allows 'self' and nothing else; inline style
 * attributes stay allowed because recharts draws with them. No framing (clickjacking on ack /
 * silence buttons), no MIME sniffing, no referrer leaving the site.
 */
export const DASHBOARD_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

export async function dashboardRoutes(app: FastifyInstance, opts: { distDir?: string } = {}): Promise<void> {
  const dist = opts.distDir ?? DEFAULT_DIST_DIR;
  // This plugin's own context: the headers go on its answers only, not on the API's or /docs'.
  app.addHook('onSend', async (_req, reply) => {
    reply.headers(DASHBOARD_HEADERS);
  });
  let bundle: Bundle | null = null;

  const current = (): Bundle | null => {
    let mtime: number | null = null;
    try {
      mtime = statSync(join(dist, 'index.html')).mtimeMs;
    } catch {
      mtime = null;
    }
    if (mtime === null) bundle = null;
    else if (!bundle || bundle.indexMtimeMs !== mtime) bundle = load(dist);
    return bundle;
  };

  const send = (req: FastifyRequest, reply: FastifyReply, a: Asset) => {
    reply.type(a.type).header('cache-control', a.immutable ? 'public, max-age=31536000, immutable' : 'no-cache').header('vary', 'accept-encoding');
    const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (a.gzip && acceptsGzip) return reply.header('content-encoding', 'gzip').send(a.gzip);
    return reply.send(a.body);
  };

  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const path = pathOf(req.url);
    if (NOT_SPA.test(path)) {
      return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `Route ${req.method}:${path} not found` });
    }
    const b = current();
    if (!b) return reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(NOT_BUILT);
    const asset = b.files.get(path);
    if (asset) return send(req, reply, asset);
    // A missing hashed asset is a real 404 (an old tab asking for a previous build's chunk).
    if (path.startsWith('/assets/')) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'no such asset' });
    const index = b.files.get('/index.html');
    return index ? send(req, reply, index) : reply.code(404).send();
  };

  app.get('/', { schema: { hide: true } }, handler);
  app.get('/*', { schema: { hide: true } }, handler);
}
