-- Rewrites the daily refund cohorts (cohort_day_rollup, migration 0008) of the UTC days of the
-- touched cohort hours, from the hourly rollup this run has just rewritten (cohort_rollup.sql).
-- As there, only groups whose counts changed are written (v + 1) and vanished ones tombstoned (v).
INSERT INTO cohort_day_rollup
(
    order_day, shop_id, category, host_id, live_session_id, sku_id,
    refunded_orders, quality_refunded_orders, version, is_deleted
)
SELECT
    order_day, shop_id, category, host_id, live_session_id, sku_id,
    n.refunded, n.quality,
    if(n.present = 1, {version:UInt64} + 1, {version:UInt64}),
    if(n.present = 1, 0, 1)
FROM
(
    SELECT toDate(order_hour) AS order_day, toString(shop_id) AS shop_id, toString(category) AS category,
           toString(host_id) AS host_id, live_session_id, sku_id,
           sum(refunded_orders) AS refunded, sum(quality_refunded_orders) AS quality, 1 AS present
    FROM cohort_rollup FINAL
    WHERE toDate(order_hour) IN (SELECT toDate(hour) FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'cohort_hour')
    GROUP BY order_day, shop_id, category, host_id, live_session_id, sku_id
) AS n
FULL OUTER JOIN
(
    SELECT order_day, toString(shop_id) AS shop_id, toString(category) AS category, toString(host_id) AS host_id,
           live_session_id, sku_id, refunded_orders AS s_refunded, quality_refunded_orders AS s_quality, 1 AS present
    FROM cohort_day_rollup FINAL
    WHERE order_day IN (SELECT toDate(hour) FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'cohort_hour')
) AS o USING (order_day, shop_id, category, host_id, live_session_id, sku_id)
-- Only the rows of the partition days [part_lo, part_hi) (kpi/partition-chunks.ts: a run that
-- touches more partitions than one insert may hold runs this once per range).
WHERE (n.present != o.present OR n.refunded != o.s_refunded OR n.quality != o.s_quality)
  AND toYYYYMMDD(order_day) >= {part_lo:UInt32} AND toYYYYMMDD(order_day) < {part_hi:UInt32}
ORDER BY order_day, shop_id, category, host_id, live_session_id, sku_id
