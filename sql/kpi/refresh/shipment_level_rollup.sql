-- Rewrites the levels {levels} (of all | shop | host | session) of shipment_level_rollup
-- (migrations 0011, 0014), recomputed from shipment_facts FINAL after this run's write:
--   hour rows    for the (kind, hour) pairs this run touched (touch_shipment_hours.sql)
--   minute rows  (levels '<level>:minute', kpi/level-split.ts) for the (kind, minute) pairs it
--                touched from the minute rows' written retention on (touch_shipment_hours.sql)
-- Both grains in one statement, so a tick adds one part to the table, not two: a read of the
-- table pays for every part (measured on the benchmark store: 6 parts against 4, +3 ms on the
-- logistics read). Each fact is counted once per grain (its hour, its minute), and a grain's
-- groups are compared only with the stored rows of that grain's touched buckets (a minute
-- bucket at :00 equals its hour's bucket; the level names keep them apart).
-- A tick rewrites all four levels in one statement (the touched facts are read once); the full
-- first run one level at a time, so it holds one level's groups in memory, not four.
--
-- As in cohort_rollup.sql, only what changed is written: a recomputed group that is new or
-- whose counts differ gets version v + 1, a stored group with no fact left is tombstoned
-- (version v, is_deleted 1), an unchanged group is not written. The sort key prefix is
-- (level, key, …): the stored rows of the touched buckets are read from the levels' rows of
-- the month partitions of their buckets.
INSERT INTO shipment_level_rollup
(
    level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id,
    shipments, delayed, version, is_deleted
)
SELECT
    level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id,
    n.shipments, n.delayed,
    if(n.present = 1, {version:UInt64} + 1, {version:UInt64}),
    if(n.present = 1, 0, 1)
FROM
(
    -- The level's key and the row's columns: attributes coarser than the level, '' for finer ones.
    SELECT concat(l, f_suffix) AS level, multiIf(l = 'shop', f_shop, l = 'host', f_host, l = 'session', f_session, '') AS key,
           f_direction AS direction, f_kind AS kind, f_bucket AS bucket, f_category AS category,
           if(l = 'all', '', f_shop) AS shop_id,
           if(l IN ('host', 'session'), f_host, '') AS host_id,
           if(l = 'session', f_session, '') AS live_session_id,
           count() AS shipments, sum(f_delayed) AS delayed, 1 AS present
    FROM
    (
        SELECT toString(kind) AS f_kind, g.1 AS f_bucket, g.3 AS f_suffix, toString(direction) AS f_direction,
               toString(category) AS f_category, toString(shop_id) AS f_shop, toString(host_id) AS f_host,
               live_session_id AS f_session,
               toUInt8(kind = 'due' AND (delivered_at IS NULL OR delivered_at > ts)) AS f_delayed
        FROM shipment_facts FINAL
        ARRAY JOIN [(toStartOfHour(ts), 'shipment_hour', ''), (toStartOfMinute(ts), 'shipment_minute', ':minute')] AS g
        -- The hour alone first: the primary key (kind, ts) and the daily partitions prune on it
        -- (a touched minute's hour is always touched: both come from the same fact keys).
        WHERE toStartOfHour(ts) IN (SELECT hour FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'shipment_hour')
          AND (g.2, kind, g.1) IN
              (SELECT entity, id, hour FROM kpi_touched WHERE batch = {batch:UInt64} AND entity IN ('shipment_hour', 'shipment_minute'))
    )
    ARRAY JOIN {levels:Array(String)} AS l
    -- A fact without the level's key is not counted at that level (see migration 0011).
    WHERE l = 'all' OR key != ''
    GROUP BY level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id
) AS n
FULL OUTER JOIN
(
    -- The stored rows as FINAL would return them (latest version per group, tombstones dropped),
    -- but filtered to the touched buckets BEFORE that: FINAL would first merge the levels' whole
    -- month partition (about a million rows a level on the benchmark store) and filter after.
    SELECT level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id,
           s_shipments, s_delayed, 1 AS present
    FROM
    (
        SELECT toString(level) AS level, key, toString(direction) AS direction, toString(kind) AS kind, bucket, toString(category) AS category,
               toString(shop_id) AS shop_id, toString(host_id) AS host_id, live_session_id,
               argMax(shipments, version) AS s_shipments, argMax(delayed, version) AS s_delayed,
               argMax(is_deleted, version) AS s_deleted
        FROM shipment_level_rollup
        WHERE level IN arrayConcat({levels:Array(String)}, arrayMap(l -> concat(l, ':minute'), {levels:Array(String)}))
          AND bucket IN (SELECT hour FROM kpi_touched WHERE batch = {batch:UInt64} AND entity IN ('shipment_hour', 'shipment_minute'))
          AND (if(endsWith(toString(level), ':minute'), 'shipment_minute', 'shipment_hour'), kind, bucket) IN
              (SELECT entity, id, hour FROM kpi_touched WHERE batch = {batch:UInt64} AND entity IN ('shipment_hour', 'shipment_minute'))
        GROUP BY level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id
    )
    WHERE s_deleted = 0
) AS o USING (level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id)
-- Only the rows of the partition days [part_lo, part_hi) (kpi/partition-chunks.ts: a run that
-- touches more partitions than one insert may hold runs this once per range).
WHERE (n.present != o.present OR n.shipments != o.s_shipments OR n.delayed != o.s_delayed)
  AND toYYYYMMDD(bucket) >= {part_lo:UInt32} AND toYYYYMMDD(bucket) < {part_hi:UInt32}
ORDER BY level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id
