/**
 * One refresh tick on a kept store, timed: `BENCH_QUERY_DIR=<store> node --import tsx
 * bench/tick-time.ts`. Applies pending migrations (timed: a migration's backfill shows here),
 * runs a catch-up refresh, then TICKS (default 3) ticks of about a minute of live traffic each
 * (bench/query-data.ts liveTraffic: 1,000 orders, 1,000 refund steps, 1,000 scans), printing
 * each tick's time and steps. TICK_FROM picks fresh rows for the traffic (use a new value per
 * run: the same value replays the same events, which the refresh rightly skips); BENCH_NOW is
 * the traffic's time (default: now).
 */
import { loadavg } from 'node:os';
import { refreshKpiFacts } from '../kpi/refresh.ts';
import { openWarehouse } from '../warehouse/client.ts';
import { migrate } from '../warehouse/migrate.ts';
import { liveTraffic } from './query-data.ts';

const dir = process.env.BENCH_QUERY_DIR;
if (!dir) throw new Error('set BENCH_QUERY_DIR to a store kept by bench:query');
const from = Number(process.env.TICK_FROM ?? 0);
const ticks = Number(process.env.TICKS ?? 3);
const now = process.env.BENCH_NOW ? new Date(process.env.BENCH_NOW) : new Date();
const out = (s: string) => process.stdout.write(`${s}\n`);

const wh = await openWarehouse({ dataDir: dir, clickhouseUser: 'default', clickhousePassword: '', clickhouseDatabase: 'radar' });
out(`load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const t0 = performance.now();
const m = await migrate(wh.client);
out(`migrations applied: ${m.applied.join(', ') || 'none'} in ${Math.round(performance.now() - t0)} ms`);
const first = await refreshKpiFacts(wh);
out(`catch-up refresh: ${first.ms} ms (${first.shipments} shipments, ${first.refunds} refunds${first.full ? ', full' : ''})`);
for (let i = from; i < from + ticks; i++) {
  await liveTraffic(wh, now, i);
  const r = await refreshKpiFacts(wh);
  out(`tick ${i}: ${r.ms} ms — ${r.refunds} refunds, ${r.shipments} shipments; steps (ms): ${JSON.stringify(r.steps)}`);
}
out(`load average at end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await wh.close();
