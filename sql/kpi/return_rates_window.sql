-- sql/kpi/return_rates.sql answered from the precomputed groups of the default window (migration
-- 0016, partition {gen}), which kpi/return-window.ts has checked are this window's and current.
-- Same answer (but for the last bits of the baselines of a group in several categories: the same
-- terms added in another order), same columns, same order: the outermost SELECT list and the
-- ORDER BY are the same text in both files (a test keeps them so); the groups come from elsewhere.
--
-- Without a shop / host / session / SKU filter ({grouped_by} = {by}) a (key, category) group is one
-- stored row; with one ({grouped_by} = 'row') the window's finest groups inside the filters are
-- summed. Either way the category rates come stored with each row: they are the whole window's,
-- which no filter but the categories changes.
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
        SELECT
            group_key AS key,
            toString(argMax(category, (g_orders, category))) AS main_category,
            sum(g_orders) AS n_orders,
            sum(g_refunded) AS n_refunded,
            sum(g_quality) AS n_quality,
            sum(g_orders * c_rate) AS expected,
            sum(g_orders * c_quality_rate) AS expected_quality
        FROM
        (
            -- Unfiltered: the stored (key, category) rows as they are.
            SELECT key AS group_key, toString(category) AS category, orders AS g_orders, refunded_orders AS g_refunded,
                   quality_refunded_orders AS g_quality, category_rate AS c_rate, category_quality_rate AS c_quality_rate
            FROM return_window_groups
            WHERE gen = {gen:UInt64}
              AND grouped_by = {grouped_by:String} AND {grouped_by:String} != 'row'
              AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
            UNION ALL
            -- Filtered: the finest rows inside the filters, summed per (key, category).
            SELECT
                multiIf({by:String} = 'sku', sku_id,
                        {by:String} = 'host', toString(host_id),
                        {by:String} = 'session', live_session_id,
                        {by:String} = 'shop', toString(shop_id),
                        toString(category)) AS group_key,
                toString(category) AS category,
                sum(orders) AS g_orders,
                sum(refunded_orders) AS g_refunded,
                sum(quality_refunded_orders) AS g_quality,
                any(category_rate) AS c_rate,
                any(category_quality_rate) AS c_quality_rate
            FROM return_window_groups
            WHERE gen = {gen:UInt64}
              AND grouped_by = 'row' AND {grouped_by:String} = 'row'
              AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
              AND ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
              AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
              AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
              AND ({sku_id:Nullable(String)} IS NULL OR sku_id = {sku_id:Nullable(String)})
            GROUP BY group_key, category
        )
        GROUP BY group_key
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
