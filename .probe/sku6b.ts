import { openWarehouse } from '../warehouse/client.ts';
import { loadRulesFile } from '../alerts/rule-config.ts';
import { evaluateRule } from '../alerts/rules/index.ts';
import type { ScheduledRule } from '../alerts/rule-schema.ts';
const dir = process.argv[2]!;
const wh = await openWarehouse({ dataDir: dir, clickhouseUser: 'default', clickhousePassword: '', clickhouseDatabase: 'radar_bench' });
const rule = loadRulesFile().rules.find((r) => r.id === 'high_return_sku') as ScheduledRule;
for (const t of ['2026-11-14T21:00:00Z', '2026-11-14T22:30:00Z', '2026-11-15T06:00:00Z']) {
  const r = await evaluateRule({ client: wh.client, at: Date.parse(t) }, rule);
  const g = r.groups.find((x) => x.subject.sku_id === 'SKU00006');
  console.log(t, g?.met, g?.why, JSON.stringify(g?.evidence.numbers), g?.evidence.test?.p_value);
}
await wh.close();
