-- Rewrites the cohort rows of the level rollups (return_levels, migrations 0012 and 0015) for this run's
-- touched cohort_hours: hour rows of those hours from cohort_rollup, day rows of their UTC days
-- from cohort_day_rollup, both just rewritten by this run (cohort_rollup.sql, cohort_day_rollup.sql). Every level of a
-- touched bucket is recomputed whole, so a run that died before this step is repaired by the
-- next run that touches the bucket. As in the rollups, only rows whose counts changed are
-- written (v + 1) and vanished ones tombstoned (v). A key that would be '' is not written at
-- its level. The other side's rows (source 'order') are never read or written here.
-- Runs before keys_final_refund.sql: a run that dies before it leaves its refunds' hash 0, so
-- the next run touches the same cohort hours again.
INSERT INTO return_levels
(
    grain, bucket, level, key, source, category, shop_id, host_id, live_session_id,
    orders, refunded_orders, quality_refunded_orders, version, is_deleted
)
SELECT
    grain, bucket, level, key, 'cohort', category, shop, host, session,
    0, n.refunded, n.quality,
    if(n.present = 1, {version:UInt64} + 1, {version:UInt64}),
    if(n.present = 1, 0, 1)
FROM
(
    SELECT grain, bucket, l.1 AS level, l.2 AS key, category, l.3 AS shop, l.4 AS host, l.5 AS session,
           sum(refunded_orders) AS refunded, sum(quality_refunded_orders) AS quality, 1 AS present
    FROM
    (
        SELECT 'hour' AS grain, toDateTime(order_hour, 'UTC') AS bucket, toString(category) AS category,
               toString(shop_id) AS s, toString(host_id) AS h, live_session_id AS ls, refunded_orders, quality_refunded_orders
        FROM cohort_rollup FINAL
        WHERE order_hour IN (SELECT hour FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'cohort_hour')
        UNION ALL
        SELECT 'day', toDateTime(order_day, 'UTC'), toString(category), toString(shop_id), toString(host_id), live_session_id, refunded_orders, quality_refunded_orders
        FROM cohort_day_rollup FINAL
        WHERE order_day IN (SELECT toDate(hour) FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'cohort_hour')
    )
    ARRAY JOIN [('all', '', '', '', ''), ('shop', s, s, '', ''), ('host', h, s, h, ''), ('session', ls, s, h, ls)] AS l
    WHERE l.1 = 'all' OR l.2 != ''
    GROUP BY grain, bucket, level, key, category, shop, host, session
) AS n
FULL OUTER JOIN
(
    -- The stored rows of the touched buckets. The sort key starts with (level, key) (migration
    -- 0015), so a bucket is no key prefix and a tick's buckets select most granules of their
    -- partitions (120 cohort hours: 7,415 of 9,478 on the benchmark store). PREWHERE filters
    -- the rows before FINAL merges them, which is exact because it tests sort-key columns only
    -- (every version of a group has the same). Measured on the benchmark store (this step, a
    -- tick's batch, median of 10): 626 ms with the key of 0012, 980 with FINAL then WHERE, 838
    -- with PREWHERE; argMax … GROUP BY as in shipment_level_rollup.sql was slower than FINAL
    -- here (its ~208,000 groups cost more to hash than FINAL costs to merge).
    SELECT toString(grain) AS grain, bucket, toString(level) AS level, key, toString(category) AS category,
           toString(shop_id) AS shop, toString(host_id) AS host, live_session_id AS session,
           refunded_orders AS s_refunded, quality_refunded_orders AS s_quality, 1 AS present
    FROM return_levels FINAL
    PREWHERE source = 'cohort'
      AND ((grain = 'hour' AND bucket IN (SELECT hour FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'cohort_hour'))
        OR (grain = 'day' AND bucket IN (SELECT toDateTime(toDate(hour), 'UTC') FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'cohort_hour')))
) AS o USING (grain, bucket, level, key, category, shop, host, session)
-- Only the rows of the partition days [part_lo, part_hi) (kpi/partition-chunks.ts: a run that
-- touches more partitions than one insert may hold runs this once per range).
WHERE (n.present != o.present OR n.refunded != o.s_refunded OR n.quality != o.s_quality)
  AND toYYYYMMDD(bucket) >= {part_lo:UInt32} AND toYYYYMMDD(bucket) < {part_hi:UInt32}
ORDER BY level, key, grain, bucket, category, shop, host, session
