-- Rewrites the daily order counts (order_day_rollup, migration 0008) of the UTC days of the
-- touched order hours, from the hourly rollup this run has just rewritten (order_rollup.sql).
-- As there, only groups whose count changed are written (v + 1) and vanished ones tombstoned (v).
INSERT INTO order_day_rollup (order_day, shop_id, category, host_id, live_session_id, sku_id, orders, version, is_deleted)
SELECT
    order_day, shop_id, category, host_id, live_session_id, sku_id,
    n.orders,
    if(n.present = 1, {version:UInt64} + 1, {version:UInt64}),
    if(n.present = 1, 0, 1)
FROM
(
    SELECT toDate(order_hour) AS order_day, toString(shop_id) AS shop_id, toString(category) AS category,
           toString(host_id) AS host_id, live_session_id, sku_id, sum(orders) AS orders, 1 AS present
    FROM order_rollup FINAL
    WHERE toDate(order_hour) IN (SELECT toDate(hour) FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'order_hour')
    GROUP BY order_day, shop_id, category, host_id, live_session_id, sku_id
) AS n
FULL OUTER JOIN
(
    SELECT order_day, toString(shop_id) AS shop_id, toString(category) AS category, toString(host_id) AS host_id,
           live_session_id, sku_id, orders AS stored, 1 AS present
    FROM order_day_rollup FINAL
    WHERE order_day IN (SELECT toDate(hour) FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'order_hour')
) AS o USING (order_day, shop_id, category, host_id, live_session_id, sku_id)
-- Only the rows of the partition days [part_lo, part_hi) (kpi/partition-chunks.ts: a run that
-- touches more partitions than one insert may hold runs this once per range).
WHERE (n.present != o.present OR n.orders != o.stored)
  AND toYYYYMMDD(order_day) >= {part_lo:UInt32} AND toYYYYMMDD(order_day) < {part_hi:UInt32}
ORDER BY order_day, shop_id, category, host_id, live_session_id, sku_id
