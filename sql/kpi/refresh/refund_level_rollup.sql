-- Rewrites the refund level rollup (migration 0009) where this run's facts can have changed it
-- (touch_refund_hours.sql): level 'all' of every touched hour (minute), and the shop / host /
-- session levels of the touched (hour, shop) pairs, recomputed from the summary facts FINAL, so the
-- rollup equals "aggregate the facts of the hour" however they got there (moved, vanished,
-- re-attributed, replayed). Every finer group carries its shop, and a touched refund's shop
-- never changes, so no group the write changed is left out. Runs after write_refund_facts.sql
-- and before keys_final_refund.sql, so a run that dies in between is redone whole.
--
-- One grain per run of this file (kpi/refresh.ts runs it twice):
--   {minutes} = 0, {suffix} = '', {touched} = 'refund_shop_hour'
--       the hour rows (bucket = hour) of the touched (hour, shop) pairs (touch_refund_hours.sql)
--   {minutes} = 1, {suffix} = ':minute', {touched} = 'refund_shop_minute'
--       the minute rows (migration 0013: levels 'all:minute' …, bucket = minute) of the touched
--       (minute, shop) pairs (touch_refund_hours.sql), from {minutes_from} on only
-- Each pass compares with, and tombstones, only the stored rows of its own levels and buckets,
-- so an hour row never meets a minute row (a minute bucket at :00 equals its hour's bucket).
--
-- As in cohort_rollup.sql only what changed is written: recomputed groups are compared with the
-- stored ones; a group is written (version v + 1) when it is new or differs, and tombstoned
-- (version v) when no fact is left for it, so a tick does not pile up duplicates for FINAL to
-- fold on every read. value_sum is a float sum whose last bits depend on summation order, so it
-- counts as changed only beyond rounding (ratings sum whole numbers; refunded values are
-- compared exactly through their sorted array).
INSERT INTO refund_level_rollup
(
    bucket, level, key, shop_id, host_id, live_session_id, category, kind, outcome, cancelled,
    n, n_values, value_sum, n_4_5, refunded_values, version, is_deleted
)
SELECT
    bucket, level, key, shop_id, host_id, live_session_id, category, kind, outcome, cancelled,
    n.n, n.n_values, n.value_sum, n.n_4_5, n.vals,
    if(n.present = 1, {version:UInt64} + 1, {version:UInt64}),
    if(n.present = 1, 0, 1)
FROM
(
    -- The grouping of the backfill in 0009_refund_level_rollup.sql, on the touched part only.
    SELECT
        if({minutes:UInt8} = 1, toStartOfMinute(f.ts), toStartOfHour(f.ts)) AS bucket, concat(lv.1, {suffix:String}) AS level, lv.2 AS key, lv.3 AS shop_id, lv.4 AS host_id, lv.5 AS live_session_id,
        toString(f.category) AS category, toString(f.kind) AS kind, toString(f.outcome) AS outcome,
        if(f.kind = 'request', f.is_cancelled, 0) AS cancelled,
        count() AS n, count(f.value) AS n_values, coalesce(sum(f.value), 0) AS value_sum, countIf(f.value >= 4) AS n_4_5,
        arraySort(groupArrayIf(f.value, f.kind = 'refunded')) AS vals, 1 AS present
    FROM
    (
        SELECT ts, kind, outcome, is_cancelled, value, category, shop_id, host_id, live_session_id,
               (if({minutes:UInt8} = 1, toStartOfMinute(ts), toStartOfHour(ts)), toString(shop_id)) IN
                   (SELECT hour, shop_id FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = {touched:String}) AS touched
        FROM refund_facts FINAL
        WHERE kind IN ('request', 'decision', 'close', 'refunded', 'rating')
          AND if({minutes:UInt8} = 1, toStartOfMinute(ts), toStartOfHour(ts))
              IN (SELECT hour FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = {touched:String})
          AND ts >= {minutes_from:DateTime64(3, 'UTC')}
    ) AS f
    -- Level 'all' of the whole hour; the finer levels of the touched shops, where their key is set.
    ARRAY JOIN arrayFilter(x -> x.1 = 'all' OR (f.touched AND x.2 != ''), [
        ('all', '', '', '', ''),
        ('shop', toString(f.shop_id), toString(f.shop_id), '', ''),
        ('host', toString(f.host_id), toString(f.shop_id), toString(f.host_id), ''),
        ('session', f.live_session_id, toString(f.shop_id), toString(f.host_id), f.live_session_id)
    ]) AS lv
    GROUP BY bucket, level, key, shop_id, host_id, live_session_id, category, kind, outcome, cancelled
) AS n
FULL OUTER JOIN
(
    SELECT bucket, toString(level) AS level, key, toString(shop_id) AS shop_id, toString(host_id) AS host_id, live_session_id,
           toString(category) AS category, toString(kind) AS kind, toString(outcome) AS outcome, cancelled,
           n AS s_n, n_values AS s_n_values, value_sum AS s_value_sum, n_4_5 AS s_n_4_5, refunded_values AS s_vals, 1 AS present
    FROM refund_level_rollup FINAL
    WHERE level IN (concat('all', {suffix:String}), concat('shop', {suffix:String}), concat('host', {suffix:String}), concat('session', {suffix:String}))
      AND bucket IN (SELECT hour FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = {touched:String})
      AND bucket >= {minutes_from:DateTime('UTC')}
      AND (level = concat('all', {suffix:String})
           OR (bucket, toString(shop_id)) IN (SELECT hour, shop_id FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = {touched:String}))
) AS o USING (bucket, level, key, shop_id, host_id, live_session_id, category, kind, outcome, cancelled)
-- Only the rows of the partition days [part_lo, part_hi) (kpi/partition-chunks.ts: a run that
-- touches more partitions than one insert may hold runs this once per range).
WHERE (n.present != o.present OR n.n != o.s_n OR n.n_values != o.s_n_values OR n.n_4_5 != o.s_n_4_5 OR n.vals != o.s_vals
   OR abs(n.value_sum - o.s_value_sum) > 1e-9 * greatest(abs(n.value_sum), abs(o.s_value_sum)))
  AND toYYYYMMDD(bucket) >= {part_lo:UInt32} AND toYYYYMMDD(bucket) < {part_hi:UInt32}
ORDER BY level, key, bucket, category, shop_id, host_id, live_session_id, kind, outcome, cancelled
