-- Return rate per order-date bucket: each point is the cohort of orders placed in that bucket
-- (see return_summary.sql). Minute buckets are not offered: the rollups are hourly.
SELECT
    multiIf({granularity:String} = 'hour', toUnixTimestamp(order_hour),
            toUnixTimestamp(toStartOfDay(order_hour, {tz:String}))) AS bucket,
    sum(orders) AS orders,
    sum(refunded_orders) AS refunded_orders,
    sum(quality_refunded_orders) AS quality_refunded_orders
FROM
(
    SELECT order_hour, orders, 0 AS refunded_orders, 0 AS quality_refunded_orders, shop_id, category, host_id, live_session_id, sku_id
    FROM order_rollup FINAL
    WHERE order_hour >= {from:DateTime('UTC')} AND order_hour < {to:DateTime('UTC')}
    UNION ALL
    SELECT order_hour, 0, refunded_orders, quality_refunded_orders, shop_id, category, host_id, live_session_id, sku_id
    FROM cohort_rollup FINAL
    WHERE order_hour >= {from:DateTime('UTC')} AND order_hour < {to:DateTime('UTC')}
)
WHERE ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
  AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
  AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
  AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
  AND ({sku_id:Nullable(String)} IS NULL OR sku_id = {sku_id:Nullable(String)})
GROUP BY bucket
ORDER BY bucket
