/**
 * npm run bench:alerts — alert quality, measured (issue #15 item 6).
 *
 * Simulated worlds over several seeds and two sizes (default: scale 1, 20 hosts; large: scale
 * 10, 200 hosts), each with every rule's incident planted at a strength rotated over the seeds
 * (three clear levels and one borderline, bench/alert-quality/magnitudes.ts), and a quiet world
 * (`incidents: false`) per seed. Each world runs in its own child process (chDB binds one data
 * directory per process): generated, ingested through the real pipeline, replayed by the
 * backtest (scheduled rules) and the stream rules (host wording, viewer questions). Alerts are
 * matched to the manifest (bench/alert-quality/match.ts) and summed per rule and size.
 *
 *   --seeds N        seeds per size (default 10)
 *   --sizes a,b      default,large (default both)
 *   --days D         evaluated simulated days per world (default 3)
 *   --step M         evaluate scheduled rules every M minutes (default 30, 60 with --quick; 0 = each rule's own schedule)
 *   --first-seed S   seeds S, S+1, … (default 1001); splits a run over several invocations
 *   --jobs J         worlds in parallel (default 1: the machine is shared)
 *   --quick          3 seeds of the default size, 1 of the large
 *   --report F,G     no run: print the table of saved results (several files are merged)
 *   --cache DIR      keep each world's ingested store in DIR and reuse it (a rule change then re-runs the backtest only)
 *   --out FILE       JSON result (default test-artifacts/bench-alerts-<time>.json), rewritten after every world
 */
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadRulesFile } from '../alerts/rule-config.ts';
import { EFFECTS, levelsFor } from './alert-quality/magnitudes.ts';
import { summarise, table, TARGETS } from './alert-quality/summary.ts';
import type { WorldResult, WorldSpec } from './alert-quality/world.ts';

const here = dirname(fileURLToPath(import.meta.url));
const SCALES: Record<string, number> = { default: 1, large: 10 };
/** Fixed "now" of every world (20:00 China time), so runs are reproducible. */
const ANCHOR = Date.UTC(2026, 10, 20, 12);

const { values } = parseArgs({
  options: {
    seeds: { type: 'string' }, sizes: { type: 'string' }, days: { type: 'string' }, step: { type: 'string' },
    jobs: { type: 'string' }, 'first-seed': { type: 'string' }, report: { type: 'string' }, quick: { type: 'boolean' }, out: { type: 'string' }, cache: { type: 'string' },
  },
});
if (values.report) {
  const worlds = values.report.split(',').flatMap((f) => (JSON.parse(readFileSync(f, 'utf8')) as { worlds: WorldResult[] }).worlds);
  const ids = new Set<string>();
  const unique = worlds.filter((w) => !ids.has(w.spec.id) && ids.add(w.spec.id));
  printFigures(summarise(unique.map(documentedNow), loadRulesFile().rules.filter((r) => r.enabled).map((r) => r.id)), unique.length);
  process.exit(0);
}

/** A saved world judged by today's documented effect sizes (magnitudes.ts), not those of when it ran. */
function documentedNow(w: WorldResult): WorldResult {
  return { ...w, incidents: w.incidents.map((i) => ({ ...i, documentedEffect: EFFECTS[i.kind]?.documented ?? i.documentedEffect })) };
}

function printFigures(figures: ReturnType<typeof summarise>, worlds: number): void {
  console.log(`\n${worlds} worlds\n${table(figures)}\n`);
  console.log(`targets: precision ≥ ${TARGETS.precision}, recall ≥ ${TARGETS.recall} on incidents at or above the documented effect size; quiet worlds ≤ ${TARGETS.quietFalsePerDay} false alerts per rule per day. ✗ = missed.`);
  for (const f of figures) {
    if (f.misses.length > 0) console.log(`missed ${f.size} ${f.rule}: ${f.misses.join('; ')}`);
    if (f.falseSubjects.length > 0) console.log(`false ${f.size} ${f.rule}: ${f.falseSubjects.slice(0, 12).join(', ')}${f.falseSubjects.length > 12 ? ` … (${f.falseSubjects.length})` : ''}`);
  }
}

const int = (v: string | undefined, d: number, name: string) => {
  const n = v === undefined ? d : Number(v);
  if (!(Number.isInteger(n) && n >= 0)) throw new Error(`--${name} must be a whole number ≥ 0, got ${v}`);
  return n;
};
const quick = values.quick ?? false;
const sizes = (values.sizes ?? 'default,large').split(',').map((s) => s.trim());
for (const s of sizes) if (!(s in SCALES)) throw new Error(`--sizes: unknown size "${s}" (default, large)`);
const seedsFor = (size: string) => int(values.seeds, quick ? (size === 'large' ? 1 : 3) : 10, 'seeds');
const days = int(values.days, 3, 'days');
const step = int(values.step, quick ? 60 : 30, 'step');
const firstSeed = int(values['first-seed'], 1001, 'first-seed');
const jobs = Math.max(1, int(values.jobs, 1, 'jobs'));

const specs: WorldSpec[] = [];
for (const size of sizes) {
  for (let i = 0; i < seedsFor(size); i++) {
    const seed = firstSeed + i;
    const common = { seed, size, scale: SCALES[size]!, anchorMs: ANCHOR, days, ...(step > 0 ? { stepMinutes: step } : {}), ...(values.cache ? { cacheDir: resolve(values.cache) } : {}) };
    specs.push({ ...common, id: `${size}-s${seed}-inc`, incidents: true, effects: levelsFor(seed - 1001) });
    specs.push({ ...common, id: `${size}-s${seed}-quiet`, incidents: false });
  }
}

function runChild(spec: WorldSpec): Promise<WorldResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(here, 'alert-quality', 'world-child.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let done = false;
    child.on('message', (m: { progress?: string; result?: WorldResult; error?: string }) => {
      if (m.progress) console.log(`  ${spec.id}: ${m.progress}`);
      if (m.result) {
        done = true;
        resolve(m.result);
      }
      if (m.error) {
        done = true;
        reject(new Error(`${spec.id}: ${m.error}`));
      }
    });
    child.on('exit', (code) => {
      if (!done) reject(new Error(`${spec.id}: world process exited with ${code}`));
    });
    child.send(spec);
  });
}

const started = Date.now();
console.log(`bench:alerts — ${specs.length} worlds (${sizes.map((s) => `${s}: ${seedsFor(s)} seeds × incident + quiet`).join(', ')}), ${days} days each, ` +
  `scheduled rules every ${step > 0 ? `${step} min` : "rule's schedule"}, ${jobs} at a time; ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const results: WorldResult[] = [];
const failed: Array<{ id: string; error: string }> = [];
const rules = loadRulesFile().rules.filter((r) => r.enabled).map((r) => r.id);
const out = values.out ?? join('test-artifacts', `bench-alerts-${new Date(started).toISOString().replace(/[:.]/g, '-')}.json`);
mkdirSync(dirname(out), { recursive: true });
// Rewritten after every world, so a long run stopped early keeps what it measured.
const save = () => {
  const minutes = (Date.now() - started) / 60_000;
  writeFileSync(out, JSON.stringify({ started: new Date(started).toISOString(), minutes, options: { sizes, days, step, jobs, quick, firstSeed }, figures: summarise(results, rules), failed, worlds: results }, null, 1));
};
const queue = [...specs];
await Promise.all(
  Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let spec = queue.shift(); spec; spec = queue.shift()) {
      try {
        const r = await runChild(spec);
        results.push(r);
        console.log(`✓ ${spec.id}: ${r.alerts.length} firings, ${r.events.stored} events stored, ${r.events.transcripts} transcript lines streamed; ` +
          `${r.seconds.generateAndIngest.toFixed(0)} s generate+ingest, ${r.seconds.backtest.toFixed(0)} s backtest (${results.length}/${specs.length}, load ${loadavg()[0]!.toFixed(1)})`);
      } catch (err) {
        failed.push({ id: spec.id, error: (err as Error).message });
        console.log(`✗ ${(err as Error).message}`);
      }
      save();
    }
  }),
);

printFigures(summarise(results, rules), results.length);
const minutes = (Date.now() - started) / 60_000;
console.log(`\n${minutes.toFixed(1)} min wall time, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

save();
console.log(`wrote ${out}${failed.length > 0 ? `; ${failed.length} world(s) failed: ${failed.map((f) => f.id).join(', ')}` : ''}`);
if (failed.length > 0) process.exitCode = 1;
