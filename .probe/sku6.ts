import { openWarehouse, queryRows } from '../warehouse/client.ts';
const dir = process.argv[2]!;
const wh = await openWarehouse({ dataDir: dir, clickhouseUser: 'default', clickhousePassword: '', clickhouseDatabase: 'radar_bench' });
const q = async (sql: string) => console.log(JSON.stringify(await queryRows(wh.client, sql)));
await q(`SELECT toString(toDate(occurred_at)) d, count() n, uniqExact(order_id) u FROM orders WHERE sku_id='SKU00006' AND occurred_at > '2026-11-10' GROUP BY d ORDER BY d`);
await q(`SELECT refund_id, any(order_id) o, groupArray(toString(status)) st, groupArray(toString(reason_code)) r, toString(min(occurred_at)) t FROM refund_events WHERE sku_id='SKU00006' AND occurred_at > '2026-11-10' GROUP BY refund_id ORDER BY t`);
await wh.close();
