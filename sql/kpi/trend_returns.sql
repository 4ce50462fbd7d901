-- Return rate per order-date bucket: each point is the cohort of orders placed in that bucket
-- (see return_summary.sql). Minute buckets are not offered: the rollups are hourly.
--
-- Day buckets read whole UTC days [d0, d1) from the daily rollups and the hours at the window's
-- ends [from, d0) and [d1, to) from the hourly ones (d0 = d1 = to for hour buckets), as
-- return_summary.sql does: a day has about a quarter of the rows of its 24 hours. A UTC day
-- counts toward the bucket (day in {tz}) its first hour falls in; the hours of it that fall in
-- the next bucket ({moved_hours}: 16:00–23:00 UTC of each day for Asia/Shanghai, none for UTC)
-- are read hourly and moved: −1 from the day's bucket, +1 to their own. Exact as long as a day
-- row is the sum of its hours, which the refresh job keeps.
SELECT
    bucket,
    sum(orders) AS orders,
    sum(refunded_orders) AS refunded_orders,
    sum(quality_refunded_orders) AS quality_refunded_orders
FROM
(
    SELECT multiIf({granularity:String} = 'hour', toUnixTimestamp(order_hour),
                   toUnixTimestamp(toStartOfDay(order_hour, {tz:String}))) AS bucket,
           toInt64(orders) AS orders, toInt64(0) AS refunded_orders, toInt64(0) AS quality_refunded_orders,
           shop_id, category, host_id, live_session_id, sku_id
    FROM order_rollup FINAL
    WHERE (order_hour >= {from:DateTime('UTC')} AND order_hour < {d0:DateTime('UTC')})
       OR (order_hour >= {d1:DateTime('UTC')} AND order_hour < {to:DateTime('UTC')})
    UNION ALL
    SELECT multiIf({granularity:String} = 'hour', toUnixTimestamp(order_hour),
                   toUnixTimestamp(toStartOfDay(order_hour, {tz:String}))),
           toInt64(0), toInt64(refunded_orders), toInt64(quality_refunded_orders), shop_id, category, host_id, live_session_id, sku_id
    FROM cohort_rollup FINAL
    WHERE (order_hour >= {from:DateTime('UTC')} AND order_hour < {d0:DateTime('UTC')})
       OR (order_hour >= {d1:DateTime('UTC')} AND order_hour < {to:DateTime('UTC')})
    UNION ALL
    SELECT toUnixTimestamp(toStartOfDay(toDateTime(order_day, 'UTC'), {tz:String})), toInt64(orders), toInt64(0), toInt64(0),
           shop_id, category, host_id, live_session_id, sku_id
    FROM order_day_rollup FINAL
    WHERE order_day >= toDate({d0:DateTime('UTC')}) AND order_day < toDate({d1:DateTime('UTC')})
    UNION ALL
    SELECT toUnixTimestamp(toStartOfDay(toDateTime(order_day, 'UTC'), {tz:String})), toInt64(0), toInt64(refunded_orders), toInt64(quality_refunded_orders),
           shop_id, category, host_id, live_session_id, sku_id
    FROM cohort_day_rollup FINAL
    WHERE order_day >= toDate({d0:DateTime('UTC')}) AND order_day < toDate({d1:DateTime('UTC')})
    UNION ALL
    -- Each moved hour twice: into its own bucket, out of its day's.
    SELECT if(sign = 1, toUnixTimestamp(toStartOfDay(order_hour, {tz:String})),
              toUnixTimestamp(toStartOfDay(toStartOfDay(order_hour, 'UTC'), {tz:String}))),
           sign * toInt64(orders), toInt64(0), toInt64(0), shop_id, category, host_id, live_session_id, sku_id
    FROM order_rollup FINAL
    ARRAY JOIN [1, -1] AS sign
    WHERE order_hour IN {moved_hours:Array(DateTime('UTC'))}
    UNION ALL
    SELECT if(sign = 1, toUnixTimestamp(toStartOfDay(order_hour, {tz:String})),
              toUnixTimestamp(toStartOfDay(toStartOfDay(order_hour, 'UTC'), {tz:String}))),
           toInt64(0), sign * toInt64(refunded_orders), sign * toInt64(quality_refunded_orders), shop_id, category, host_id, live_session_id, sku_id
    FROM cohort_rollup FINAL
    ARRAY JOIN [1, -1] AS sign
    WHERE order_hour IN {moved_hours:Array(DateTime('UTC'))}
)
WHERE ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
  AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
  AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
  AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
  AND ({sku_id:Nullable(String)} IS NULL OR sku_id = {sku_id:Nullable(String)})
GROUP BY bucket
ORDER BY bucket
