-- Return rates of the order cohort [from, to) per SKU / host / live session / category / shop
-- ({by}), with order and refund counts and the category baseline.
--
-- The baseline is the rate the group would have if each of its orders returned at its
-- category's rate: Σ orders_c × rate_c ÷ Σ orders_c. For a SKU that is its category's rate; for
-- a host selling in several categories it is the mix-adjusted expectation. Category rates are
-- benchmarks over the same window that ignore the shop / host / session / SKU filters (they
-- describe the category), but never look outside the caller's categories.
SELECT
    key,
    nullIf(product_title, '') AS title,
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
    -- The product title of a SKU row (migration 0021: the latest title its orders carried), and
    -- the search over id and title, before the total is counted and the page cut.
    SELECT g.*, t.title AS product_title
    FROM
    (
        -- Aggregates get their own names: an alias equal to a column name would shadow the column
        -- inside the other aggregates of this SELECT.
        SELECT
            key,
            -- A SKU (or a category) has one category; for other groups this is the largest one (of
            -- two equally large, the later name: the same every time).
            toString(argMax(category, (g_orders, category))) AS main_category,
            sum(g_orders) AS n_orders,
            sum(g_refunded) AS n_refunded,
            sum(g_quality) AS n_quality,
            sum(g_orders * c_rate) AS expected,
            sum(g_orders * c_quality_rate) AS expected_quality
        FROM
        (
            -- Category rates add up every row of the category, inside the filters or not; the group's
            -- own figures only the rows inside them. One read of the rollups serves both.
            SELECT
                key, category, inside, g_orders, g_refunded, g_quality,
                sum(g_orders) OVER (PARTITION BY category) AS c_orders,
                if(c_orders > 0, sum(g_refunded) OVER (PARTITION BY category) / c_orders, 0) AS c_rate,
                if(c_orders > 0, sum(g_quality) OVER (PARTITION BY category) / c_orders, 0) AS c_quality_rate
            FROM
            (
                SELECT
                    multiIf({by:String} = 'sku', sku_id,
                            {by:String} = 'host', toString(host_id),
                            {by:String} = 'session', live_session_id,
                            {by:String} = 'shop', toString(shop_id),
                            toString(category)) AS key,
                    toString(category) AS category,
                    ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
                      AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
                      AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
                      AND ({sku_id:Nullable(String)} IS NULL OR sku_id = {sku_id:Nullable(String)}) AS inside,
                    sum(orders) AS g_orders,
                    sum(refunded_orders) AS g_refunded,
                    sum(quality_refunded_orders) AS g_quality
                FROM
                (
                    -- Read as kpi/cohort-plan.ts plans it (as in return_summary.sql): the days
                    -- {cur_days} whole from the daily rollups, the hours {hours} from the hourly ones,
                    -- each added if it lies in [from, to) and taken out if its day was read whole.
                    SELECT shop_id, category, host_id, live_session_id, sku_id, toInt64(orders) AS orders,
                           toInt64(0) AS refunded_orders, toInt64(0) AS quality_refunded_orders
                    FROM order_day_rollup FINAL
                    WHERE order_day IN {cur_days:Array(Date)}
                    UNION ALL
                    SELECT shop_id, category, host_id, live_session_id, sku_id, toInt64(0), toInt64(refunded_orders), toInt64(quality_refunded_orders)
                    FROM cohort_day_rollup FINAL
                    WHERE order_day IN {cur_days:Array(Date)}
                    UNION ALL
                    SELECT shop_id, category, host_id, live_session_id, sku_id,
                           sign * orders, sign * refunded_orders, sign * quality_refunded_orders
                    FROM
                    (
                        SELECT order_hour, shop_id, category, host_id, live_session_id, sku_id, toInt64(orders) AS orders,
                               toInt64(0) AS refunded_orders, toInt64(0) AS quality_refunded_orders
                        FROM order_rollup FINAL
                        WHERE order_hour IN {hours:Array(DateTime('UTC'))}
                        UNION ALL
                        SELECT order_hour, shop_id, category, host_id, live_session_id, sku_id, toInt64(0), toInt64(refunded_orders), toInt64(quality_refunded_orders)
                        FROM cohort_rollup FINAL
                        WHERE order_hour IN {hours:Array(DateTime('UTC'))}
                    )
                    ARRAY JOIN arrayConcat(if(order_hour >= {from:DateTime('UTC')} AND order_hour < {to:DateTime('UTC')}, [1], []),
                                           if(has({cur_days:Array(Date)}, toDate(order_hour)), [-1], [])) AS sign
                )
                -- The categories bound both: rates never look outside the caller's categories.
                WHERE empty({categories:Array(String)}) OR category IN {categories:Array(String)}
                GROUP BY key, category, inside
            )
        )
        WHERE inside
        GROUP BY key
        HAVING n_orders >= {min_orders:UInt32}
    ) AS g
    LEFT JOIN
    (
        SELECT sku_id, argMax(title, seen_at) AS title
        FROM sku_titles
        WHERE {by:String} = 'sku'
        GROUP BY sku_id
    ) AS t ON t.sku_id = g.key
    WHERE {search:String} = ''
       OR positionCaseInsensitiveUTF8(g.key, {search:String}) > 0
       OR positionCaseInsensitiveUTF8(t.title, {search:String}) > 0
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
