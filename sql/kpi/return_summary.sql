-- Return rate of the order cohort placed in [from, to) (DESIGN §4): orders with a refund that
-- is not cancelled ÷ orders, both attributed to the ORDER's hour, so a refund of an order
-- placed before the window never counts. from/to are whole hours (the rollups' grain).
-- Cohorts of [prev_from, from) come back as is_current = 0 (prev_from = from: the window alone).
--
-- Read as kpi/cohort-plan.ts plans it: the days {cur_days} / {prev_days} whole from the daily
-- rollups toward the current / previous window, and the hours {hours} from the hourly ones,
-- each added to the window it lies in and taken out of the window its day was counted toward.
SELECT
    is_current,
    sum(orders) AS orders,
    sum(refunded_orders) AS refunded_orders,
    sum(quality_refunded_orders) AS quality_refunded_orders
FROM
(
    SELECT has({cur_days:Array(Date)}, order_day) AS is_current, toInt64(orders) AS orders,
           toInt64(0) AS refunded_orders, toInt64(0) AS quality_refunded_orders,
           shop_id, category, host_id, live_session_id, sku_id
    FROM order_day_rollup FINAL
    WHERE order_day IN {cur_days:Array(Date)} OR order_day IN {prev_days:Array(Date)}
    UNION ALL
    SELECT has({cur_days:Array(Date)}, order_day), toInt64(0), toInt64(refunded_orders), toInt64(quality_refunded_orders),
           shop_id, category, host_id, live_session_id, sku_id
    FROM cohort_day_rollup FINAL
    WHERE order_day IN {cur_days:Array(Date)} OR order_day IN {prev_days:Array(Date)}
    UNION ALL
    -- Both hourly rollups, then one move each: into the window the hour lies in, out of the
    -- window its day was read whole toward.
    SELECT move.1, move.2 * orders, move.2 * refunded_orders, move.2 * quality_refunded_orders,
           shop_id, category, host_id, live_session_id, sku_id
    FROM
    (
        SELECT order_hour, toInt64(orders) AS orders, toInt64(0) AS refunded_orders, toInt64(0) AS quality_refunded_orders,
               shop_id, category, host_id, live_session_id, sku_id
        FROM order_rollup FINAL
        WHERE order_hour IN {hours:Array(DateTime('UTC'))}
        UNION ALL
        SELECT order_hour, toInt64(0), toInt64(refunded_orders), toInt64(quality_refunded_orders),
               shop_id, category, host_id, live_session_id, sku_id
        FROM cohort_rollup FINAL
        WHERE order_hour IN {hours:Array(DateTime('UTC'))}
    )
    ARRAY JOIN arrayConcat(
        multiIf(order_hour >= {from:DateTime('UTC')} AND order_hour < {to:DateTime('UTC')}, [(1, 1)],
                order_hour >= {prev_from:DateTime('UTC')} AND order_hour < {from:DateTime('UTC')}, [(0, 1)], []),
        multiIf(has({cur_days:Array(Date)}, toDate(order_hour)), [(1, -1)],
                has({prev_days:Array(Date)}, toDate(order_hour)), [(0, -1)], [])) AS move
)
WHERE ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
  AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
  AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
  AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
  AND ({sku_id:Nullable(String)} IS NULL OR sku_id = {sku_id:Nullable(String)})
GROUP BY is_current
