/**
 * One overview read two ways on a store kept by bench:query: from the level rollups (what the
 * overview runs) and from the tables it replaced (the reference the tests also use), alternating
 * which goes first, filters rotating as in bench:query, every answer pair compared.
 *   BENCH_QUERY_DIR=<store> READ=refund|return|logistics node --import tsx bench/levels-compare.ts
 * Applies pending migrations first (timed: 0009 / 0011 / 0012 backfill the rollups). BENCH_NOW
 * (default now; a kept store's facts end where it was generated) ends the 24 h window;
 * BENCH_REQUESTS (default 60) rounds. Prints wall and process-CPU p50 / p95 per filter (the
 * engine runs inside the process, so CPU is less noisy than wall time on shared cores); exits 1
 * when an answer differs beyond float summation order.
 */
import { loadavg } from 'node:os';
import { previousWindow, type KpiFilter, type Scope, type Window } from '../kpi/filters.ts';
import { logisticsNationalPair, logisticsNationalPairFromFacts } from '../kpi/logistics.ts';
import { refundSummaryPair, refundSummaryPairFromFacts } from '../kpi/refund-flow.ts';
import { rolling7Days } from '../kpi/cohort-plan.ts';
import { returnSummaryPair, returnSummaryPairFromRollups } from '../kpi/return-rates.ts';
import { openWarehouse, type Warehouse } from '../warehouse/client.ts';
import { migrate } from '../warehouse/migrate.ts';
import { rotatedRead } from './query-cases.ts';
import { samples } from './query-data.ts';

type Read = (wh: Warehouse, w: Window, prev: Window, filter: KpiFilter, scope: Scope | undefined, now: Date) => Promise<unknown>;
/** Per read: the level-rollup path and its reference, over the windows the overview asks for. */
const READS: Record<string, { levels: Read; reference: Read; window: (now: Date) => Window }> = {
  refund: {
    levels: (wh, w, p, f, s, now) => refundSummaryPair(wh, w, p, f, s, now),
    reference: refundSummaryPairFromFacts,
    window: (now) => ({ from: new Date(now.getTime() - 86_400_000), to: now }),
  },
  return: { levels: returnSummaryPair, reference: returnSummaryPairFromRollups, window: rolling7Days },
  logistics: {
    levels: (wh, w, p, f, s, now) => logisticsNationalPair(wh, w, p, f, s, { now }),
    reference: (wh, w, p, f, s, now) => logisticsNationalPairFromFacts(wh, w, p, f, s, { now }),
    window: (now) => ({ from: new Date(now.getTime() - 86_400_000), to: now }),
  },
};

const dir = process.env.BENCH_QUERY_DIR;
if (!dir) throw new Error('set BENCH_QUERY_DIR to a store kept by bench:query');
const read = READS[process.env.READ ?? ''];
if (!read) throw new Error(`set READ to one of ${Object.keys(READS).join(', ')}`);
const N = Number(process.env.BENCH_REQUESTS ?? 60);
const now = process.env.BENCH_NOW ? new Date(process.env.BENCH_NOW) : new Date();
const out = (s: string) => process.stdout.write(`${s}\n`);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

const wh = await openWarehouse({ dataDir: dir, clickhouseUser: 'default', clickhousePassword: '', clickhouseDatabase: 'radar' });
out(`load average at start: ${load()}`);
const t0 = performance.now();
const m = await migrate(wh.client);
out(`migrations applied: ${m.applied.join(', ') || 'none'} in ${Math.round(performance.now() - t0)} ms`);
const s = await samples(wh);
const w = read.window(now);
const prev = previousWindow(w);

/** Equal, except floats (means) that may differ in their last bits from the summation order. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const NAMES = ['none', 'shop', 'category', 'host', 'session', 'scoped'];
const paths = ['reference', 'levels'] as const;
const wall = { reference: NAMES.map((): number[] => []), levels: NAMES.map((): number[] => []) };
const cpu = { reference: NAMES.map((): number[] => []), levels: NAMES.map((): number[] => []) };
let differing = 0;
for (let i = -6; i < N; i++) {
  const { filter, scope } = rotatedRead(s, i < 0 ? i + 6 : i);
  const answers: Partial<Record<(typeof paths)[number], unknown>> = {};
  for (const path of i % 2 ? [...paths].reverse() : paths) {
    const c = process.cpuUsage();
    const t = performance.now();
    answers[path] = await read[path](wh, w, prev, filter, scope, now);
    if (i < 0) continue; // warm-up, one of each variant
    wall[path][i % 6]!.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu[path][i % 6]!.push((used.user + used.system) / 1000);
  }
  if (!same(answers.levels, answers.reference)) {
    differing++;
    out(`DIFFER ${JSON.stringify({ filter, scope })}: levels ${JSON.stringify(answers.levels)} reference ${JSON.stringify(answers.reference)}`);
  }
}

const pct = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)]!;
const row = (name: string, xs: number[][]) =>
  `${name.padEnd(10)} all ${pct(xs.flat(), 0.5).toFixed(1)}/${pct(xs.flat(), 0.95).toFixed(1)}   ${xs
    .map((v, j) => `${NAMES[j]} ${pct(v, 0.5).toFixed(1)}/${pct(v, 0.95).toFixed(1)}`)
    .join('  ')}`;
out(`${process.env.READ} read, window ${w.from.toISOString()} … ${w.to.toISOString()} and the one before; ${N} rounds`);
out('wall ms p50/p95 per filter:');
for (const p of paths) out(row(p, wall[p]));
out('process CPU ms p50/p95 per filter:');
for (const p of paths) out(row(p, cpu[p]));
out(`answers: ${N + 6 - differing}/${N + 6} identical; load average at end: ${load()}`);
await wh.close();
if (differing > 0) process.exitCode = 1;
