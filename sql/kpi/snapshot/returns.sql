-- Snapshot of the 7-day order-cohort return rates (see kpi/return_summary.sql), platform and
-- per category.
INSERT INTO kpi_snapshots (taken_at, scope, scope_value, metric, value, numerator, denominator)
SELECT {taken_at:DateTime('UTC')}, if(is_total = 1, 'all', 'category'), if(is_total = 1, '', category), m.1, m.2, m.3, m.4
FROM
(
    SELECT
        category,
        is_total,
        ['return_rate_7d', 'quality_return_rate_7d'] AS names,
        [if(orders > 0, refunded_orders / orders, NULL), if(orders > 0, quality_refunded_orders / orders, NULL)] AS vals,
        [refunded_orders, quality_refunded_orders] AS nums,
        [orders, orders] AS dens,
        arrayZip(names, vals, nums, dens) AS metrics
    FROM
    (
        -- The empty grouping set is the platform total; it exists even when no row matched, so an
        -- empty window is recorded as zero, not skipped. A row without a category is '(none)'.
        SELECT grouping(category) AS is_total, if(category = '', '(none)', toString(category)) AS category, sum(orders) AS orders, sum(refunded_orders) AS refunded_orders,
               sum(quality_refunded_orders) AS quality_refunded_orders
        FROM
        (
            SELECT category, orders, 0 AS refunded_orders, 0 AS quality_refunded_orders
            FROM order_rollup FINAL
            WHERE order_hour >= {cohort_from:DateTime('UTC')} AND order_hour < {cohort_to:DateTime('UTC')}
            UNION ALL
            SELECT category, 0, refunded_orders, quality_refunded_orders
            FROM cohort_rollup FINAL
            WHERE order_hour >= {cohort_from:DateTime('UTC')} AND order_hour < {cohort_to:DateTime('UTC')}
        )
        GROUP BY GROUPING SETS ((category), ())
    )
)
ARRAY JOIN metrics AS m
