/**
 * npm run bench:rule-cost — what one evaluation of each scheduled alert rule costs on a store
 * of bench:query's scale (the rules run every 10–30 minutes beside ingest and the KPI job).
 *
 * Reuses the store bench:query keeps (BENCH_QUERY_DIR, required: generating 30M orders takes
 * ~10 min, its first KPI run ~8 more), evaluates every enabled scheduled rule of the shipped rule
 * file at the store's latest order time, RULE_COST_RUNS times (default 3) each, and prints the
 * wall time of each run, the median, the groups returned and the firing ones. RULES=a,b picks
 * rules; BENCH_DB names the database (bench:query's is `radar`, a bench:alerts world's `radar_bench`).
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { loadRulesFile } from '../alerts/rule-config.ts';
import type { ScheduledRule } from '../alerts/rule-schema.ts';
import { evaluateRule } from '../alerts/rules/index.ts';
import { queryRows, openWarehouse } from '../warehouse/client.ts';

const dir = process.env.BENCH_QUERY_DIR;
if (!dir || !existsSync(dir)) {
  console.error('bench:rule-cost: set BENCH_QUERY_DIR to a store made by `BENCH_QUERY_DIR=… npm run bench:query`');
  process.exit(2);
}
const runs = Number(process.env.RULE_COST_RUNS ?? 3);
if (!(Number.isInteger(runs) && runs >= 1)) throw new Error(`RULE_COST_RUNS must be a whole number ≥ 1, got ${process.env.RULE_COST_RUNS}`);
const only = process.env.RULES?.split(',').map((s) => s.trim());

const wh = await openWarehouse({ dataDir: dir, clickhouseUser: 'default', clickhousePassword: '', clickhouseDatabase: process.env.BENCH_DB ?? 'radar' });
const [size] = await queryRows<{ orders: string; refunds: string; latest: string }>(
  wh.client,
  "SELECT toString(count()) AS orders, toString((SELECT count() FROM refund_events)) AS refunds, toString(toUnixTimestamp64Milli(max(occurred_at))) AS latest FROM orders",
);
const at = Number(size!.latest);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`store ${dir}: ${Number(size!.orders).toLocaleString()} orders, ${Number(size!.refunds).toLocaleString()} refund steps; rules evaluated at ${new Date(at).toISOString()}\n`);

const rules = loadRulesFile().rules.filter((r): r is ScheduledRule => r.enabled && r.kind !== 'external');
for (const rule of rules) {
  if (only && !only.includes(rule.id)) continue;
  const times: number[] = [];
  let groups = 0;
  let met = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const result = await evaluateRule({ client: wh.client, at }, rule);
    times.push(performance.now() - t0);
    groups = result.groups.length;
    met = result.groups.filter((g) => g.met).length;
  }
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  console.log(`${rule.id.padEnd(24)} median ${(median / 1000).toFixed(2)} s  (${times.map((t) => (t / 1000).toFixed(2)).join(' / ')} s)  ${groups} groups, ${met} met`);
}
await wh.close();
