-- Rewrites the order counts of the touched order hours (distinct order ids, so a replayed
-- order event counts once). The day and hour bounds let the primary key of `orders`
-- (shop_id, toDate(occurred_at), …) and its monthly partitions skip everything else.
-- As in cohort_rollup.sql, only groups whose count changed are written.
INSERT INTO order_rollup (order_hour, shop_id, category, host_id, live_session_id, sku_id, orders, version, is_deleted)
SELECT
    order_hour, shop_id, category, host_id, live_session_id, sku_id,
    n.orders,
    if(n.present = 1, {version:UInt64} + 1, {version:UInt64}),
    if(n.present = 1, 0, 1)
FROM
(
    SELECT
        toStartOfHour(occurred_at) AS order_hour, toString(shop_id) AS shop_id, toString(category) AS category,
        toString(host_id) AS host_id, live_session_id, sku_id,
        uniqExact(order_id) AS orders, 1 AS present
    FROM orders
    WHERE occurred_at >= (SELECT min(hour) FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'order_hour')
      AND occurred_at < (SELECT max(hour) + INTERVAL 1 HOUR FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'order_hour')
      AND toDate(occurred_at) IN (SELECT toDate(hour) FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'order_hour')
      AND toStartOfHour(occurred_at) IN (SELECT hour FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'order_hour')
    GROUP BY order_hour, shop_id, category, host_id, live_session_id, sku_id
) AS n
FULL OUTER JOIN
(
    SELECT order_hour, toString(shop_id) AS shop_id, toString(category) AS category, toString(host_id) AS host_id,
           live_session_id, sku_id, orders AS stored, 1 AS present
    FROM order_rollup FINAL
    WHERE order_hour IN (SELECT hour FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'order_hour')
) AS o USING (order_hour, shop_id, category, host_id, live_session_id, sku_id)
-- Only the rows of the partition days [part_lo, part_hi) (kpi/partition-chunks.ts: a run that
-- touches more partitions than one insert may hold runs this once per range).
WHERE (n.present != o.present OR n.orders != o.stored)
  AND toYYYYMMDD(order_hour) >= {part_lo:UInt32} AND toYYYYMMDD(order_hour) < {part_hi:UInt32}
ORDER BY order_hour, shop_id, category, host_id, live_session_id, sku_id
