-- The return-rate groups of the window [from, to) as partition {gen} of return_window_groups
-- (migration 0016): the rows sql/kpi/return_rates.sql would group on every request, summed once.
-- The window is read as kpi/cohort-plan.ts plans it (as return_rates.sql reads it): the days
-- {cur_days} whole from the daily rollups, the hours {hours} from the hourly ones, each added if
-- it lies in [from, to) and taken out if its day was read whole. Runs after the order and cohort
-- rollups of this run are written, so it sums what the run has just made true.
INSERT INTO return_window_groups
(
    gen, grouped_by, key, category, shop_id, host_id, live_session_id, sku_id,
    orders, refunded_orders, quality_refunded_orders, category_rate, category_quality_rate
)
SELECT
    {gen:UInt64}, g.1, g.2, category, g.3, g.4, g.5, g.6,
    sum(orders), sum(refunded), sum(quality), any(c_rate), any(c_quality_rate)
FROM
(
    SELECT
        shop_id, category, host_id, live_session_id, sku_id, orders, refunded, quality,
        -- As return_rates.sql: 0, not NULL, for a category without orders.
        sum(orders) OVER (PARTITION BY category) AS c_orders,
        if(c_orders > 0, sum(refunded) OVER (PARTITION BY category) / c_orders, 0) AS c_rate,
        if(c_orders > 0, sum(quality) OVER (PARTITION BY category) / c_orders, 0) AS c_quality_rate
    FROM
    (
        SELECT toString(shop_id) AS shop_id, toString(category) AS category, toString(host_id) AS host_id,
               live_session_id, sku_id,
               sum(o) AS orders, sum(r) AS refunded, sum(q) AS quality
        FROM
        (
            SELECT shop_id, category, host_id, live_session_id, sku_id, toInt64(orders) AS o, toInt64(0) AS r, toInt64(0) AS q
            FROM order_day_rollup FINAL
            WHERE order_day IN {cur_days:Array(Date)}
            UNION ALL
            SELECT shop_id, category, host_id, live_session_id, sku_id, toInt64(0), toInt64(refunded_orders), toInt64(quality_refunded_orders)
            FROM cohort_day_rollup FINAL
            WHERE order_day IN {cur_days:Array(Date)}
            UNION ALL
            SELECT shop_id, category, host_id, live_session_id, sku_id, sign * o, sign * r, sign * q
            FROM
            (
                SELECT order_hour, shop_id, category, host_id, live_session_id, sku_id, toInt64(orders) AS o,
                       toInt64(0) AS r, toInt64(0) AS q
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
        GROUP BY shop_id, category, host_id, live_session_id, sku_id
        -- A group whose hours cancelled out entirely (read whole with its day, taken out again)
        -- adds nothing to any answer.
        HAVING orders != 0 OR refunded != 0 OR quality != 0
    )
)
-- Each fine row once as itself (grouped_by 'row') and once under each grouping's key; a key ''
-- (should an attribute be empty) is a group there as it is in return_rates.sql.
ARRAY JOIN [('row', '', shop_id, host_id, live_session_id, sku_id),
            ('sku', sku_id, '', '', '', ''),
            ('host', host_id, '', '', '', ''),
            ('session', live_session_id, '', '', '', ''),
            ('category', category, '', '', '', ''),
            ('shop', shop_id, '', '', '', '')] AS g
GROUP BY g, category
