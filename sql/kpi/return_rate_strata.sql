-- Orders and returns of the order cohort [from, to) per group ({by}: SKU / host / live session /
-- category / shop), category and UTC order day, for the groups {keys} (all when empty): the
-- strata a return-rate table's verdict is matched on (kpi/return-verdicts.ts), because a
-- cohort's returns accumulate for weeks and a group sold early in the window would otherwise
-- look high for its age — the comparison high_return_sku makes (sql/alerts/high_return_sku.sql).
--
-- Read as kpi/cohort-plan.ts plans it, exactly as return_rates.sql reads the same window: the
-- days {cur_days} whole from the daily rollups, the hours {hours} from the hourly ones, each
-- added if it lies in [from, to) and taken out of its day if that day was read whole — so the
-- strata of a group add up to its row of return_rates.sql.
SELECT
    multiIf({by:String} = 'sku', sku_id,
            {by:String} = 'host', toString(host_id),
            {by:String} = 'session', live_session_id,
            {by:String} = 'shop', toString(shop_id),
            toString(category)) AS key,
    toString(category) AS category,
    toString(day) AS day,
    sum(orders) AS orders,
    sum(refunded_orders) AS refunded_orders
FROM
(
    SELECT order_day AS day, shop_id, category, host_id, live_session_id, sku_id, toInt64(orders) AS orders, toInt64(0) AS refunded_orders
    FROM order_day_rollup FINAL
    WHERE order_day IN {cur_days:Array(Date)}
    UNION ALL
    SELECT order_day, shop_id, category, host_id, live_session_id, sku_id, toInt64(0), toInt64(refunded_orders)
    FROM cohort_day_rollup FINAL
    WHERE order_day IN {cur_days:Array(Date)}
    UNION ALL
    SELECT toDate(order_hour), shop_id, category, host_id, live_session_id, sku_id, sign * orders, sign * refunded_orders
    FROM
    (
        SELECT order_hour, shop_id, category, host_id, live_session_id, sku_id, toInt64(orders) AS orders, toInt64(0) AS refunded_orders
        FROM order_rollup FINAL
        WHERE order_hour IN {hours:Array(DateTime('UTC'))}
        UNION ALL
        SELECT order_hour, shop_id, category, host_id, live_session_id, sku_id, toInt64(0), toInt64(refunded_orders)
        FROM cohort_rollup FINAL
        WHERE order_hour IN {hours:Array(DateTime('UTC'))}
    )
    ARRAY JOIN arrayConcat(if(order_hour >= {from:DateTime('UTC')} AND order_hour < {to:DateTime('UTC')}, [1], []),
                           if(has({cur_days:Array(Date)}, toDate(order_hour)), [-1], [])) AS sign
)
WHERE (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
  AND ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
  AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
  AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
  AND ({sku_id:Nullable(String)} IS NULL OR sku_id = {sku_id:Nullable(String)})
  AND (empty({keys:Array(String)}) OR key IN {keys:Array(String)})
GROUP BY key, category, day
HAVING orders != 0 OR refunded_orders != 0
