-- Rewrites the refund side of the return-rate cohorts for the touched order hours: orders with
-- at least one refund that is not cancelled (and with a quality reason), per order-hour group.
-- Old rows of those hours are tombstoned first (version v) so a group that lost its last
-- refund does not linger; recomputed rows carry v + 1.
INSERT INTO cohort_rollup
(
    order_hour, shop_id, category, host_id, live_session_id, sku_id,
    refunded_orders, quality_refunded_orders, version, is_deleted
)
-- Sorted by the table's key, so a large write makes parts with disjoint key ranges and
-- FINAL on the reading side has nothing to merge across them.
SELECT * FROM
(
    SELECT order_hour, shop_id, category, host_id, live_session_id, sku_id, 0 AS refunded_orders,
           0 AS quality_refunded_orders, {version:UInt64} AS version, 1 AS is_deleted
    FROM cohort_rollup FINAL
    WHERE order_hour IN (SELECT hour FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'cohort_hour')
    UNION ALL
    SELECT
        toStartOfHour(ts) AS order_hour, shop_id, category, host_id, live_session_id, sku_id,
        uniqExactIf(order_id, is_cancelled = 0) AS refunded,
        uniqExactIf(order_id, is_cancelled = 0 AND is_quality = 1),
        {version:UInt64} + 1, 0
    FROM refund_facts FINAL
    WHERE kind = 'cohort'
      AND toStartOfHour(ts) IN (SELECT hour FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'cohort_hour')
    -- Groups whose refunds were all cancelled stay, with zeros, so their old counts are replaced.
    GROUP BY order_hour, shop_id, category, host_id, live_session_id, sku_id
)
ORDER BY order_hour, shop_id, category, host_id, live_session_id, sku_id
