-- Rewrites the refund side of the return-rate cohorts for the touched order hours: orders with
-- at least one refund that is not cancelled (and with a quality reason), per order-hour group,
-- recomputed from the cohort facts of those hours.
--
-- Only what changed is written: the recomputed groups are compared with the stored ones, and a
-- group is written (version v + 1) when its counts differ or it is new, or tombstoned (version v)
-- when no cohort fact is left for it. A refund step touches whole hours, but a tick should not
-- rewrite every group of 100+ hours: the duplicates would pile up until merges and every reader
-- would pay for them in FINAL. Groups whose refunds were all cancelled stay with zeros.
INSERT INTO cohort_rollup
(
    order_hour, shop_id, category, host_id, live_session_id, sku_id,
    refunded_orders, quality_refunded_orders, version, is_deleted
)
SELECT
    order_hour, shop_id, category, host_id, live_session_id, sku_id,
    n.refunded, n.quality,
    if(n.present = 1, {version:UInt64} + 1, {version:UInt64}),
    if(n.present = 1, 0, 1)
FROM
(
    SELECT toStartOfHour(ts) AS order_hour, toString(shop_id) AS shop_id, toString(category) AS category,
           toString(host_id) AS host_id, live_session_id, sku_id,
           uniqExactIf(order_id, is_cancelled = 0) AS refunded,
           uniqExactIf(order_id, is_cancelled = 0 AND is_quality = 1) AS quality,
           1 AS present
    FROM refund_facts FINAL
    WHERE kind = 'cohort'
      AND toStartOfHour(ts) IN (SELECT hour FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'cohort_hour')
    GROUP BY order_hour, shop_id, category, host_id, live_session_id, sku_id
) AS n
FULL OUTER JOIN
(
    SELECT order_hour, toString(shop_id) AS shop_id, toString(category) AS category, toString(host_id) AS host_id,
           live_session_id, sku_id, refunded_orders, quality_refunded_orders, 1 AS present
    FROM cohort_rollup FINAL
    WHERE order_hour IN (SELECT hour FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'cohort_hour')
) AS o USING (order_hour, shop_id, category, host_id, live_session_id, sku_id)
-- Only the rows of the partition days [part_lo, part_hi) (kpi/partition-chunks.ts: a run that
-- touches more partitions than one insert may hold runs this once per range).
WHERE (n.present != o.present OR n.refunded != o.refunded_orders OR n.quality != o.quality_refunded_orders)
  AND toYYYYMMDD(order_hour) >= {part_lo:UInt32} AND toYYYYMMDD(order_hour) < {part_hi:UInt32}
ORDER BY order_hour, shop_id, category, host_id, live_session_id, sku_id
