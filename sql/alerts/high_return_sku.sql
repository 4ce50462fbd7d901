-- high_return_sku: per SKU, the orders of the order-date cohort [{cohort_from}, {cohort_to}) and
-- how many of them have a refund that is not cancelled (as known at {at}), plus quality returns.
-- The cohort is whole hours (the rule passes the {window_days} days before the hour of {at}):
-- the return-rate KPI its drilldown opens reads hourly rollups and so covers whole hours
-- (kpi/cohort-plan.ts cohortWindow), and only then do both count the same orders (issue #21).
-- Orders are grouped by order_id and refunds by refund_id, so replayed events count once.
-- Everything is "as of {at}" (events after it are ignored), so a backtest sees what the live
-- engine would have seen then.
-- One row per SKU and UTC day of order: an order's returns accumulate for weeks, so a SKU sold
-- early in the window looks worse than its category unless each day of its orders is compared
-- with the category's orders of that day. UTC days, not days of age before {cohort_to}: the
-- return-rate tables match on the same strata from their daily rollups (return_rate_strata.sql).
WITH
    cohort AS
    (
        SELECT order_id, any(sku_id) AS sku_id, any(category) AS category, any(shop_id) AS shop_id,
               toString(toDate(min(occurred_at))) AS order_day
        FROM orders
        WHERE occurred_at >= {cohort_from:DateTime64(3, 'UTC')}
          AND occurred_at < {cohort_to:DateTime64(3, 'UTC')}
        GROUP BY order_id
    ),
    refunded AS
    (
        SELECT order_id, max(quality) AS quality
        FROM
        (
            -- A refund's state as the KPI has it (sql/kpi/refresh/refund_stage.sql): the latest
            -- step by (occurred_at, lifecycle rank, event_id), `rated` left out; a quality
            -- return when its latest reason is one of {quality_reasons} (contracts).
            SELECT order_id, refund_id,
                   argMaxIf(status, k, status != 'rated') AS last_status,
                   has({quality_reasons:Array(String)}, toString(argMax(reason_code, k))) AS quality
            FROM
            (
                SELECT order_id, refund_id, status, reason_code,
                       tuple(occurred_at,
                             indexOf(['requested', 'escalated', 'auto_approved', 'approved', 'rejected', 'timeout_approved',
                                      'buyer_shipped', 'merchant_received', 'cancelled', 'refunded', 'rated'], status),
                             event_id) AS k
                FROM refund_events
                WHERE occurred_at >= {cohort_from:DateTime64(3, 'UTC')}
                  AND occurred_at <= {at:DateTime64(3, 'UTC')}
                  AND order_id IN (SELECT order_id FROM cohort)
            )
            GROUP BY order_id, refund_id
        )
        WHERE last_status NOT IN ('cancelled', '')
        GROUP BY order_id
    )
SELECT
    c.sku_id AS sku_id,
    c.order_day AS order_day,
    any(c.category) AS category,
    any(c.shop_id) AS shop_id,
    toUInt32(count()) AS orders,
    toUInt32(countIf(r.order_id != '')) AS returns,
    toUInt32(countIf(r.quality = 1)) AS quality_returns
FROM cohort AS c
LEFT JOIN refunded AS r ON r.order_id = c.order_id
GROUP BY c.sku_id, c.order_day
ORDER BY c.sku_id, c.order_day
