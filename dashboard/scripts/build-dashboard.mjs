// Builds the dashboard with vite into dashboard/dist and prints its gzipped size.
//
//   node dashboard/scripts/build-dashboard.mjs [--if-missing] [--if-possible]
//
// --if-missing   do nothing when dashboard/dist/index.html exists (npm start on a built tree)
// --if-possible  when vite is not installed (npm ci --omit=dev), say so and exit 0 instead of
//                failing: the API then serves a page that says how to build the dashboard
//
// Plain JavaScript (type-checked through dashboard/tsconfig.node.json) so that `postinstall`
// and `start` run it with bare node, before anything else is set up.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const DASHBOARD = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(DASHBOARD, 'dist');

/**
 * Bytes of the built JavaScript and CSS, raw and gzipped (level 9, what the API serves).
 * @param {string} [dist]
 * @returns {{ files: number, raw: number, gzip: number, js_gzip: number, largest: { file: string, gzip: number } }}
 */
export function bundleSize(dist = DIST) {
  /** @type {string[]} */
  const files = [];
  const walk = (/** @type {string} */ dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (['.js', '.css', '.html'].includes(extname(p))) files.push(p);
    }
  };
  walk(dist);
  let raw = 0;
  let gzip = 0;
  let jsGzip = 0;
  let largest = { file: '', gzip: 0 };
  for (const f of files) {
    const body = readFileSync(f);
    const gz = gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gzip += gz;
    if (f.endsWith('.js')) jsGzip += gz;
    if (gz > largest.gzip) largest = { file: f.slice(dist.length + 1), gzip: gz };
  }
  return { files: files.length, raw, gzip, js_gzip: jsGzip, largest };
}

const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;

/** @param {string[]} args */
export async function main(args) {
  const ifMissing = args.includes('--if-missing');
  const ifPossible = args.includes('--if-possible');
  if (ifMissing && existsSync(join(DIST, 'index.html'))) return;
  /** @type {typeof import('vite')} */
  let vite;
  try {
    vite = await import('vite');
  } catch (err) {
    if (!ifPossible) throw err;
    process.stderr.write('dashboard: vite is not installed (production install?), so the dashboard is not built; run `npm install && npm run build:dashboard`.\n');
    return;
  }
  process.stdout.write('dashboard: building with vite…\n');
  // A production build whatever the caller's NODE_ENV (vitest sets "test", which would give
  // React's development build: bigger and slower).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await vite.build({ configFile: join(DASHBOARD, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const s = bundleSize();
  process.stdout.write(`dashboard: built ${s.files} files into dashboard/dist — ${kb(s.gzip)} gzipped (JS ${kb(s.js_gzip)}; largest ${s.largest.file} ${kb(s.largest.gzip)})\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((/** @type {unknown} */ err) => {
    process.stderr.write(`dashboard build failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
