/**
 * The overview's reads one at a time, against a store kept by `BENCH_QUERY_DIR=<dir> npm run
 * bench:query`: where an endpoint's time goes, without the full benchmark (no refresh ticks,
 * no raw scans). `node --import tsx bench/query-profile.ts` with BENCH_QUERY_DIR set;
 * BENCH_REQUESTS (default 60) requests per read, filters rotating as in bench:query; BENCH_NOW
 * sets `now` (default: the clock). Run bench/tick-time.ts first for the return-rate rows: the
 * precomputed groups are only used for the window of the last refresh run's clock.
 */
import { loadavg } from 'node:os';
import { previousWindow, type KpiFilter, type Scope } from '../kpi/filters.ts';
import { logisticsNationalPair, logisticsNationalPairFromFacts } from '../kpi/logistics.ts';
import { overview } from '../kpi/overview.ts';
import { refundSummaryPair } from '../kpi/refund-flow.ts';
import { rolling7Days } from '../kpi/cohort-plan.ts';
import { returnRates, returnRatesFromRollups, returnSummaryPair, type ReturnGroupBy } from '../kpi/return-rates.ts';
import { openWarehouse } from '../warehouse/client.ts';
import { rotatedRead } from './query-cases.ts';
import { samples } from './query-data.ts';

const dir = process.env.BENCH_QUERY_DIR;
if (!dir) throw new Error('set BENCH_QUERY_DIR to a store kept by bench:query');
const N = Number(process.env.BENCH_REQUESTS ?? 60);
const out = (s: string) => process.stdout.write(`${s}\n`);

const wh = await openWarehouse({ dataDir: dir, clickhouseUser: 'default', clickhousePassword: '', clickhouseDatabase: 'radar' });
const s = await samples(wh);
const variant = (i: number): { filter: KpiFilter; scope?: Scope } => rotatedRead(s, i);

// BENCH_NOW: a `now` inside a kept store's data (its facts end where it was generated).
const now = process.env.BENCH_NOW ? new Date(process.env.BENCH_NOW) : new Date();
const w = { from: new Date(now.getTime() - 86_400_000), to: now };
const prev = previousWindow(w);
const cohort = rolling7Days(w.to);
const reads: Record<string, (i: number) => Promise<unknown>> = {
  refund_summary: (i) => refundSummaryPair(wh, w, prev, variant(i).filter, variant(i).scope, now),
  return_summary: (i) => returnSummaryPair(wh, cohort, previousWindow(cohort), variant(i).filter, variant(i).scope),
  logistics_national: (i) => logisticsNationalPair(wh, w, prev, variant(i).filter, variant(i).scope, { now }),
  // The same read from the facts alone (what logistics_national was before its level rollup).
  logistics_national_facts: (i) => logisticsNationalPairFromFacts(wh, w, prev, variant(i).filter, variant(i).scope, { now }),
  // The overview sends its four reads (three above and the freshness read) as one query (kpi/read-batch.ts).
  'overview (one batched query)': (i) => overview(wh, w, variant(i).filter, variant(i).scope, { now }),
  // The three reads one after another, as separate queries: what the batch saves or costs.
  'three reads in sequence': async (i) => {
    const { filter, scope } = variant(i);
    await refundSummaryPair(wh, w, prev, filter, scope, now);
    await returnSummaryPair(wh, cohort, previousWindow(cohort), filter, scope);
    await logisticsNationalPair(wh, w, prev, filter, scope, { now });
  },
};
// The return-rate table as bench:query asks for it (default window, first page of 50): from the
// precomputed groups when the last refresh wrote this window (kpi/return-window.ts; else the
// same read as the next row), and from the rollups.
const page = { limit: 50, offset: 0, sort: 'return_rate', desc: true };
for (const by of ['sku', 'host'] as ReturnGroupBy[]) {
  reads[`return_rates ${by}`] = (i) => returnRates(wh, cohort, variant(i).filter, variant(i).scope, by, page);
  reads[`return_rates ${by} (rollups)`] = (i) => returnRatesFromRollups(wh, cohort, variant(i).filter, variant(i).scope, by, page);
}
const only = process.env.PROFILE_ONLY;
out(`load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
out(`${'read'.padEnd(30)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}   by filter (median ms: none shop category host session scoped)`);
for (const [name, run] of Object.entries(reads)) {
  if (only && !name.startsWith(only)) continue;
  await run(0);
  const ms: number[] = [];
  const byVariant: number[][] = [[], [], [], [], [], []];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    await run(i);
    const t = performance.now() - t0;
    ms.push(t);
    byVariant[i % 6]!.push(t);
  }
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)]!;
  out(`${name.padEnd(30)} ${pct(ms, 0.5).toFixed(1).padStart(8)} ${pct(ms, 0.95).toFixed(1).padStart(8)}   ${byVariant.map((v) => pct(v, 0.5).toFixed(0)).join(' ')}`);
}
out(`load average at end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await wh.close();
