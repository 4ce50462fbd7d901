/**
 * The refund summary read two ways on a store kept by bench:query: from the facts
 * (refundSummaryPairFromFacts, sql/kpi/refund_summary.sql) and from the level rollup
 * (refundSummaryPair, migration 0009), filters rotating as in bench:query, with both answers
 * compared on every request. `BENCH_QUERY_DIR=<dir> node --import tsx bench/refund-summary-compare.ts`;
 * BENCH_TO (ISO instant, default now) ends the 24 h window, BENCH_REQUESTS (default 60) per read.
 */
import { loadavg } from 'node:os';
import { previousWindow, type KpiFilter, type Scope } from '../kpi/filters.ts';
import { refundSummaryPair, refundSummaryPairFromFacts, type RefundSummary } from '../kpi/refund-flow.ts';
import { openWarehouse } from '../warehouse/client.ts';
import { migrate } from '../warehouse/migrate.ts';
import { rotatedFilter } from './query-cases.ts';
import { samples } from './query-data.ts';

const dir = process.env.BENCH_QUERY_DIR;
if (!dir) throw new Error('set BENCH_QUERY_DIR to a store kept by bench:query');
const N = Number(process.env.BENCH_REQUESTS ?? 60);
const out = (s: string) => process.stdout.write(`${s}\n`);

const wh = await openWarehouse({ dataDir: dir, clickhouseUser: 'default', clickhousePassword: '', clickhouseDatabase: 'radar' });
await migrate(wh.client);
const s = await samples(wh);
const NAMES = ['none', 'shop', 'category', 'host', 'session', 'scoped'];
function variant(i: number): { filter: KpiFilter; scope?: Scope } {
  const { filter, manager } = rotatedFilter(s, i);
  return manager ? { filter, scope: { categories: ['美妆', '服饰'] } } : { filter };
}
const to = process.env.BENCH_TO ? new Date(process.env.BENCH_TO) : new Date();
const w = { from: new Date(to.getTime() - 86_400_000), to };
const prev = previousWindow(w);

/** Counts and percentiles exactly; means are float sums added in another order. */
function differs(a: RefundSummary, b: RefundSummary): string | null {
  for (const k of Object.keys(a) as (keyof RefundSummary)[]) {
    const [x, y] = [a[k], b[k]];
    if (x === y) continue;
    const mean = k === 'processing_time_mean_s' || k === 'csat_mean';
    if (mean && x !== null && y !== null && Math.abs(x - y) <= 1e-9 * Math.abs(y)) continue;
    return `${k}: rollup ${x} facts ${y}`;
  }
  return null;
}

out(`window ${w.from.toISOString()} … ${w.to.toISOString()} and the 24 h before; load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const times = { facts: NAMES.map((): number[] => []), rollup: NAMES.map((): number[] => []) };
// CPU of the whole process (the engine runs inside it): what the overview's parallel reads
// compete for on a small machine, and less noisy than wall time when others share the cores.
const cpu = { facts: NAMES.map((): number[] => []), rollup: NAMES.map((): number[] => []) };
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
let mismatches = 0;
let compared = 0;
for (let i = -6; i < N; i++) {
  const { filter, scope } = variant(i < 0 ? i + 6 : i);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const a = await refundSummaryPairFromFacts(wh, w, prev, filter, scope);
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const b = await refundSummaryPair(wh, w, prev, filter, scope);
  const t2 = performance.now();
  const c2 = process.cpuUsage();
  if (i < 0) continue; // warm-up, one of each
  times.facts[i % 6]!.push(t1 - t0);
  times.rollup[i % 6]!.push(t2 - t1);
  cpu.facts[i % 6]!.push(cpuMs(process.cpuUsage(c0)) - cpuMs(process.cpuUsage(c1)));
  cpu.rollup[i % 6]!.push(cpuMs(process.cpuUsage(c1)) - cpuMs(process.cpuUsage(c2)));
  for (const [x, y] of [[b.current, a.current], [b.previous, a.previous]] as const) {
    compared++;
    const d = differs(x, y);
    if (d) {
      mismatches++;
      out(`DIFFER ${NAMES[i % 6]} ${JSON.stringify(filter)}: ${d}`);
    }
  }
}
const pct = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)]!;
const row = (name: string, xs: number[][]) => {
  const all = xs.flat();
  return `${name.padEnd(8)} all ${pct(all, 0.5).toFixed(1)}/${pct(all, 0.95).toFixed(1)}   ${xs
    .map((v, j) => `${NAMES[j]} ${pct(v, 0.5).toFixed(1)}/${pct(v, 0.95).toFixed(1)}`)
    .join('  ')}`;
};
out('p50/p95 ms per filter:');
out(row('facts', times.facts));
out(row('rollup', times.rollup));
out('CPU ms (all threads of the process), p50/p95 per filter:');
out(row('facts', cpu.facts));
out(row('rollup', cpu.rollup));
out(`answers compared: ${compared} (current and previous window), differing: ${mismatches}`);
out(`load average at end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await wh.close();
