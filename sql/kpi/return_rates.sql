-- Return rates of the order cohort [from, to) per SKU / host / live session / category / shop
-- ({by}), with order and refund counts and the category baseline.
--
-- The baseline is the rate the group would have if each of its orders returned at its
-- category's rate: Σ orders_c × rate_c ÷ Σ orders_c. For a SKU that is its category's rate; for
-- a host selling in several categories it is the mix-adjusted expectation. Category rates are
-- benchmarks over the same window that ignore the shop / host / session filters (they describe
-- the category), but never look outside the caller's categories.
WITH
    (
        SELECT (groupArray(category), groupArray(if(o > 0, r / o, 0)), groupArray(if(o > 0, q / o, 0)))
        FROM
        (
            SELECT toString(category) AS category, sum(orders) AS o, sum(refunded_orders) AS r, sum(quality_refunded_orders) AS q
            FROM
            (
                SELECT category, orders, 0 AS refunded_orders, 0 AS quality_refunded_orders
                FROM order_rollup FINAL
                WHERE order_hour >= {from:DateTime('UTC')} AND order_hour < {to:DateTime('UTC')}
                UNION ALL
                SELECT category, 0, refunded_orders, quality_refunded_orders
                FROM cohort_rollup FINAL
                WHERE order_hour >= {from:DateTime('UTC')} AND order_hour < {to:DateTime('UTC')}
            )
            WHERE empty({categories:Array(String)}) OR has({categories:Array(String)}, category)
            GROUP BY category
        )
    ) AS base
SELECT
    key,
    main_category AS category,
    n_orders AS orders,
    n_refunded AS refunded_orders,
    n_quality AS quality_refunded_orders,
    if(n_orders > 0, n_refunded / n_orders, NULL) AS return_rate,
    if(n_orders > 0, n_quality / n_orders, NULL) AS quality_return_rate,
    if(n_orders > 0, expected / n_orders, NULL) AS baseline_return_rate,
    if(n_orders > 0, expected_quality / n_orders, NULL) AS baseline_quality_return_rate,
    count() OVER () AS total
FROM
(
    -- Aggregates get their own names: an alias equal to a column name would shadow the column
    -- inside the other aggregates of this SELECT.
    SELECT
        multiIf({by:String} = 'sku', sku_id,
                {by:String} = 'host', toString(host_id),
                {by:String} = 'session', live_session_id,
                {by:String} = 'shop', toString(shop_id),
                toString(category)) AS key,
        -- A SKU (or a category) has one category; for other groups this is the largest one.
        toString(argMax(category, orders)) AS main_category,
        sum(orders) AS n_orders,
        sum(refunded_orders) AS n_refunded,
        sum(quality_refunded_orders) AS n_quality,
        sum(orders * transform(toString(category), base.1, base.2, 0.)) AS expected,
        sum(orders * transform(toString(category), base.1, base.3, 0.)) AS expected_quality
    FROM
    (
        SELECT shop_id, category, host_id, live_session_id, sku_id, orders, 0 AS refunded_orders, 0 AS quality_refunded_orders
        FROM order_rollup FINAL
        WHERE order_hour >= {from:DateTime('UTC')} AND order_hour < {to:DateTime('UTC')}
        UNION ALL
        SELECT shop_id, category, host_id, live_session_id, sku_id, 0, refunded_orders, quality_refunded_orders
        FROM cohort_rollup FINAL
        WHERE order_hour >= {from:DateTime('UTC')} AND order_hour < {to:DateTime('UTC')}
    )
    WHERE ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
      AND (empty({categories:Array(String)}) OR has({categories:Array(String)}, category))
      AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
      AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
      AND ({sku_id:Nullable(String)} IS NULL OR sku_id = {sku_id:Nullable(String)})
    GROUP BY key
    HAVING n_orders >= {min_orders:UInt32}
)
ORDER BY
    multiIf({sort:String} = 'orders', toFloat64(orders),
            {sort:String} = 'refunded_orders', toFloat64(refunded_orders),
            {sort:String} = 'quality_refunded_orders', toFloat64(quality_refunded_orders),
            {sort:String} = 'quality_return_rate', ifNull(quality_return_rate, -1),
            {sort:String} = 'excess', ifNull(return_rate - baseline_return_rate, -1),
            {sort:String} = 'key', 0,
            ifNull(return_rate, -1)) * if({desc:Bool}, -1, 1),
    if({sort:String} = 'key' AND {desc:Bool}, key, '') DESC,
    key
LIMIT {limit:UInt32} OFFSET {offset:UInt32}
