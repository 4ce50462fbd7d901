/**
 * The logistics overview read from shipment_level_rollup against the same read from the facts
 * (the reference), on a kept store: `BENCH_QUERY_DIR=<store> node --import tsx
 * bench/logistics-levels.ts`. Applies pending migrations first (timed: migration 0011 backfills
 * the rollup), prints the rollup's size against the facts, then REPS (default 36) rounds of
 * both reads with filters rotating as bench:query does (none, shop, category, host, session,
 * category-manager scope), alternating which runs first, and checks every answer pair agrees.
 * BENCH_NOW sets `now` (default 2026-12-01T20:47:31.517Z, inside the kept store's data and off
 * the hour, so the partial hours at the ranges' ends are read too).
 */
import { loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { previousWindow, type KpiFilter, type Scope } from '../kpi/filters.ts';
import { logisticsNationalPair, logisticsNationalPairFromFacts } from '../kpi/logistics.ts';
import { openWarehouse, queryRows } from '../warehouse/client.ts';
import { migrate } from '../warehouse/migrate.ts';
import { rotatedFilter } from './query-cases.ts';
import { samples } from './query-data.ts';

const dir = process.env.BENCH_QUERY_DIR;
if (!dir) throw new Error('set BENCH_QUERY_DIR to a store kept by bench:query');
const REPS = Number(process.env.REPS ?? 36);
const now = new Date(process.env.BENCH_NOW ?? '2026-12-01T20:47:31.517Z');
const out = (s: string) => process.stdout.write(`${s}\n`);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

const wh = await openWarehouse({ dataDir: dir, clickhouseUser: 'default', clickhousePassword: '', clickhouseDatabase: 'radar' });
out(`load average at start: ${load()}`);
const t0 = performance.now();
const m = await migrate(wh.client);
out(`migrations applied: ${m.applied.join(', ') || 'none'} in ${Math.round(performance.now() - t0)} ms`);
const size = await queryRows<{ level: string; rows: string; parts: string }>(
  wh.client,
  `SELECT level, count() AS rows, (SELECT count() FROM system.parts WHERE active AND table = 'shipment_level_rollup' AND database = currentDatabase()) AS parts
   FROM shipment_level_rollup FINAL GROUP BY level ORDER BY level`,
);
const [facts] = await queryRows<{ n: string }>(wh.client, 'SELECT count() AS n FROM shipment_facts FINAL');
out(`rollup rows (FINAL) per level: ${size.map((r) => `${r.level} ${Number(r.rows).toLocaleString()}`).join(', ')}; ${size[0]?.parts ?? 0} active parts; shipment_facts rows (FINAL): ${Number(facts?.n).toLocaleString()}`);

const s = await samples(wh);
const NAMES = ['none', 'shop', 'category', 'host', 'session', 'scoped'];
function variant(i: number): { filter: KpiFilter; scope?: Scope } {
  const { filter, manager } = rotatedFilter(s, i);
  return manager ? { filter, scope: { categories: ['美妆', '服饰'] } } : { filter };
}
const w = { from: new Date(now.getTime() - 86_400_000), to: now };
const prev = previousWindow(w);
const reads = {
  old: (v: { filter: KpiFilter; scope?: Scope }) => logisticsNationalPairFromFacts(wh, w, prev, v.filter, v.scope, { now }),
  new: (v: { filter: KpiFilter; scope?: Scope }) => logisticsNationalPair(wh, w, prev, v.filter, v.scope, { now }),
};
await reads.old(variant(0));
await reads.new(variant(0));
const ms = { old: NAMES.map((): number[] => []), new: NAMES.map((): number[] => []) };
let mismatches = 0;
for (let i = 0; i < REPS; i++) {
  const v = variant(i);
  const answers: Record<string, unknown> = {};
  for (const name of i % 2 ? (['new', 'old'] as const) : (['old', 'new'] as const)) {
    const t = performance.now();
    answers[name] = await reads[name](v);
    ms[name][i % 6]!.push(performance.now() - t);
  }
  if (!isDeepStrictEqual(answers.old, answers.new)) {
    mismatches++;
    out(`MISMATCH ${JSON.stringify(v)}: old ${JSON.stringify(answers.old)} new ${JSON.stringify(answers.new)}`);
  }
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)]!;
const f = (x: number) => x.toFixed(1).padStart(7);
out(`now = ${now.toISOString()}, window = the 24 h before it + the 24 h before that; ${REPS} rounds`);
out(`${'variant'.padEnd(10)} ${'old p50'.padStart(7)} ${'old p95'.padStart(7)} ${'new p50'.padStart(7)} ${'new p95'.padStart(7)}  (ms)`);
NAMES.forEach((n, k) => out(`${n.padEnd(10)} ${f(pct(ms.old[k]!, 0.5))} ${f(pct(ms.old[k]!, 0.95))} ${f(pct(ms.new[k]!, 0.5))} ${f(pct(ms.new[k]!, 0.95))}`));
const all = (xs: number[][]) => xs.flat();
out(`${'all'.padEnd(10)} ${f(pct(all(ms.old), 0.5))} ${f(pct(all(ms.old), 0.95))} ${f(pct(all(ms.new), 0.5))} ${f(pct(all(ms.new), 0.95))}`);
out(`answers: ${REPS - mismatches}/${REPS} identical old vs new`);
out(`load average at end: ${load()}`);
await wh.close();
