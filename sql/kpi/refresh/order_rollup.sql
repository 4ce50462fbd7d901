-- Rewrites the order counts of the touched order hours (distinct order ids, so a replayed
-- order event counts once). The day and hour bounds let the primary key of `orders`
-- (shop_id, toDate(occurred_at), …) and its monthly partitions skip everything else.
INSERT INTO order_rollup (order_hour, shop_id, category, host_id, live_session_id, sku_id, orders, version, is_deleted)
-- Sorted by the table's key, so a large write makes parts with disjoint key ranges and
-- FINAL on the reading side has nothing to merge across them.
SELECT * FROM
(
    SELECT order_hour, shop_id, category, host_id, live_session_id, sku_id, 0 AS orders, {version:UInt64} AS version, 1 AS is_deleted
    FROM order_rollup FINAL
    WHERE order_hour IN (SELECT hour FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'order_hour')
    UNION ALL
    SELECT
        toStartOfHour(occurred_at) AS order_hour, shop_id, category, host_id, live_session_id, sku_id,
        uniqExact(order_id), {version:UInt64} + 1, 0
    FROM orders
    WHERE occurred_at >= (SELECT min(hour) FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'order_hour')
      AND occurred_at < (SELECT max(hour) + INTERVAL 1 HOUR FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'order_hour')
      AND toDate(occurred_at) IN (SELECT toDate(hour) FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'order_hour')
      AND toStartOfHour(occurred_at) IN (SELECT hour FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'order_hour')
    GROUP BY order_hour, shop_id, category, host_id, live_session_id, sku_id
)
ORDER BY order_hour, shop_id, category, host_id, live_session_id, sku_id
