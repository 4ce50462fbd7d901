import { openWarehouse } from '../warehouse/client.ts';
import { loadRulesFile } from '../alerts/rule-config.ts';
import { evaluateRule } from '../alerts/rules/index.ts';
import type { ScheduledRule } from '../alerts/rule-schema.ts';
const dir = process.argv[2]!;
const wh = await openWarehouse({ dataDir: dir, clickhouseUser: 'default', clickhousePassword: '', clickhouseDatabase: 'radar_bench' });
const rule = loadRulesFile().rules.find((r) => r.id === 'high_return_sku') as ScheduledRule;
const ANCHOR = Date.UTC(2026, 10, 20, 12);
const best = new Map<string, { p: number; at: number; first01?: number; first001?: number; tested: number; bh?: number }>();
let evals = 0;
const FROM = ANCHOR - Number(process.argv[3] ?? 3) * 86400e3;
for (let at = FROM; at <= ANCHOR; at += 1800e3) {
  const r = await evaluateRule({ client: wh.client, at }, rule);
  evals++;
  // p-values of SKUs that pass the ratio and min-orders gates (the candidates)
  const cands = r.groups.filter((g) => g.evidence.test && Number(g.evidence.numbers.orders) >= 30).map((g) => ({ sku: g.subject.sku_id!, p: g.evidence.test!.p_value, ratio: Number(g.evidence.numbers.ratio) }));
  const m = r.groups.length;
  const sorted = [...cands].sort((a, b) => a.p - b.p);
  // Benjamini–Hochberg at q = 0.05 over all SKUs tested in this evaluation
  let k = 0;
  sorted.forEach((c, i) => { if (c.p <= ((i + 1) / m) * 0.05) k = i + 1; });
  const bhSet = new Set(sorted.slice(0, k).map((c) => c.sku));
  for (const c of cands) {
    if (!(c.ratio > 1.5)) continue;
    const b = best.get(c.sku) ?? { p: 1, at: 0, tested: m };
    if (c.p < b.p) { b.p = c.p; b.at = at; }
    if (c.p < 0.01 && b.first01 === undefined) b.first01 = at;
    if (c.p < 0.001 && b.first001 === undefined) b.first001 = at;
    if (bhSet.has(c.sku) && b.bh === undefined) b.bh = at;
    best.set(c.sku, b);
  }
}
const h = (t?: number) => (t === undefined ? '-' : `${((t - FROM) / 3600e3).toFixed(1)}h`);
console.log(`${evals} evaluations`);
for (const [sku, b] of [...best].sort((x, y) => x[1].p - y[1].p).slice(0, 5)) console.log(sku, b.p.toExponential(2), 'p<.01@', h(b.first01), 'p<.001@', h(b.first001), 'BH@', h(b.bh), 'SKUs tested', b.tested);
await wh.close();
