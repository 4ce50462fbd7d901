/**
 * The return summary from the level rollups (migration 0012) against the daily-rollup read it
 * replaces, on a store kept by bench:query. `node --import tsx bench/return-levels.ts` with
 * BENCH_QUERY_DIR set and BENCH_STEP one of:
 *   migrate  apply pending migrations (0012's backfill), print how long it took and row counts
 *   stats    row counts of the rollups and of return_levels per grain, side and level
 *   ticks    BENCH_TICKS (3) scheduler ticks of bench live traffic at BENCH_NOW, with steps
 *   reads    BENCH_REQUESTS (36) reads per filter variant (rotation of bench:query), old and new
 *            alternating, p50/p95 each, and the answers compared (a mismatch exits 1)
 * BENCH_NOW (default 2026-12-01T21:00Z, where the benchmark store's facts end) is the overview's
 * `now`; BENCH_TICK0 offsets the tick numbers so repeated runs copy different refunds.
 */
import { loadavg } from 'node:os';
import { previousWindow, type KpiFilter, type Scope } from '../kpi/filters.ts';
import { refreshKpiFacts } from '../kpi/refresh.ts';
import { returnSummaryPair, returnSummaryPairFromRollups, rolling7Days } from '../kpi/return-rates.ts';
import { openWarehouse, queryRows } from '../warehouse/client.ts';
import { migrate } from '../warehouse/migrate.ts';
import { rotatedFilter } from './query-cases.ts';
import { liveTraffic, samples, waitForMerges } from './query-data.ts';

const dir = process.env.BENCH_QUERY_DIR;
if (!dir) throw new Error('set BENCH_QUERY_DIR to a store kept by bench:query');
const stepName = process.env.BENCH_STEP ?? 'reads';
const now = new Date(process.env.BENCH_NOW ?? '2026-12-01T21:00:00Z');
const out = (s: string) => process.stdout.write(`${s}\n`);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

const wh = await openWarehouse({ dataDir: dir, clickhouseUser: 'default', clickhousePassword: '', clickhouseDatabase: 'radar' });
let failed = false;

if (stepName === 'migrate' || stepName === 'stats') {
  if (stepName === 'migrate') {
    const t0 = performance.now();
    const r = await migrate(wh.client);
    out(`migrate: applied ${JSON.stringify(r.applied)} in ${(performance.now() - t0).toFixed(0)} ms`);
  }
  const rows = await queryRows<{ t: string; n: string }>(
    wh.client,
    `SELECT t, n FROM (SELECT 'order_rollup' AS t, count() AS n FROM order_rollup FINAL
     UNION ALL SELECT 'cohort_rollup', count() FROM cohort_rollup FINAL
     UNION ALL SELECT 'order_day_rollup', count() FROM order_day_rollup FINAL
     UNION ALL SELECT 'cohort_day_rollup', count() FROM cohort_day_rollup FINAL
     UNION ALL SELECT concat('return_levels ', grain, ' ', source, ' ', level), count() FROM return_levels FINAL GROUP BY grain, source, level)
     ORDER BY t`,
  );
  for (const r of rows) out(`  ${r.t}: ${r.n} rows`);
} else if (stepName === 'ticks') {
  const n = Number(process.env.BENCH_TICKS ?? 3);
  const first = Number(process.env.BENCH_TICK0 ?? 0);
  for (let i = first; i < first + n; i++) {
    await liveTraffic(wh, now, i);
    const tick = await refreshKpiFacts(wh);
    out(`tick ${i}: ${tick.ms} ms (${tick.refunds} refunds, ${tick.orderHours} order hours, ${tick.cohortHours} cohort hours) steps ${JSON.stringify(tick.steps)}`);
  }
} else {
  const N = Number(process.env.BENCH_REQUESTS ?? 36);
  // Steady state, as bench:query measures: the background merges of the last writes settled.
  const waited = await waitForMerges(wh, 5 * 60_000);
  const parts = await queryRows<{ table: string; n: string }>(
    wh.client,
    `SELECT table, count() AS n FROM system.parts WHERE active AND database = currentDatabase()
       AND table IN ('return_levels', 'order_rollup', 'cohort_rollup', 'order_day_rollup', 'cohort_day_rollup') GROUP BY table ORDER BY table`,
  );
  out(`merges settled after ${(waited / 1000).toFixed(0)} s; active parts: ${parts.map((p) => `${p.table} ${p.n}`).join(', ')}`);
  const s = await samples(wh);
  const names = ['none', 'shop', 'category', 'host', 'session', 'scoped'];
  const variant = (i: number): { filter: KpiFilter; scope?: Scope } => {
    const { filter, manager } = rotatedFilter(s, i);
    return manager ? { filter, scope: { categories: ['美妆', '服饰'] } } : { filter };
  };
  const cohort = rolling7Days(now);
  const prev = previousWindow(cohort);
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)]!;
  out(`load average at start: ${load()}; cohort ${cohort.from.toISOString()} .. ${cohort.to.toISOString()} and the 7 days before`);
  out(`${'variant'.padEnd(9)} ${'old p50'.padStart(8)} ${'old p95'.padStart(8)} ${'new p50'.padStart(8)} ${'new p95'.padStart(8)}  answers`);
  await returnSummaryPair(wh, cohort, prev, {});
  await returnSummaryPairFromRollups(wh, cohort, prev, {});
  const all: { old: number[]; new: number[] } = { old: [], new: [] };
  for (let v = 0; v < 6; v++) {
    const t: { old: number[]; new: number[] } = { old: [], new: [] };
    let same = 0;
    for (let k = 0; k < N; k++) {
      const { filter, scope } = variant(v + 6 * k);
      const t0 = performance.now();
      const a = await returnSummaryPairFromRollups(wh, cohort, prev, filter, scope);
      const t1 = performance.now();
      const b = await returnSummaryPair(wh, cohort, prev, filter, scope);
      const t2 = performance.now();
      t.old.push(t1 - t0);
      t.new.push(t2 - t1);
      if (JSON.stringify(a) === JSON.stringify(b)) same++;
      else {
        failed = true;
        out(`MISMATCH ${names[v]} ${JSON.stringify(filter)}: old ${JSON.stringify(a)} new ${JSON.stringify(b)}`);
      }
    }
    all.old.push(...t.old);
    all.new.push(...t.new);
    const f = (xs: number[], p: number) => pct(xs, p).toFixed(1).padStart(8);
    out(`${names[v]!.padEnd(9)} ${f(t.old, 0.5)} ${f(t.old, 0.95)} ${f(t.new, 0.5)} ${f(t.new, 0.95)}  ${same}/${N} identical`);
  }
  const f = (xs: number[], p: number) => pct(xs, p).toFixed(1).padStart(8);
  out(`${'all'.padEnd(9)} ${f(all.old, 0.5)} ${f(all.old, 0.95)} ${f(all.new, 0.5)} ${f(all.new, 0.95)}`);
  out(`load average at end: ${load()}`);
}
await wh.close();
if (failed) process.exit(1);
