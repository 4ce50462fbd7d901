-- Rewrites the minute rows (levels '<level>:minute', kpi/level-split.ts) of the levels {levels}
-- of shipment_level_rollup (migrations 0011, 0014) for the (kind, minute) pairs this run touched
-- (touch_shipment_minutes.sql: recent minutes only), recomputed from shipment_facts FINAL after
-- this run's write. The same grouping and columns as the hour rows (shipment_level_rollup.sql)
-- with bucket = the minute, and the same protocol: a new or changed group is written at
-- version v + 1, a stored group with no fact left is tombstoned at v, an unchanged one is not
-- written.
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
    SELECT concat(l, ':minute') AS level, multiIf(l = 'shop', f_shop, l = 'host', f_host, l = 'session', f_session, '') AS key,
           f_direction AS direction, f_kind AS kind, f_bucket AS bucket, f_category AS category,
           if(l = 'all', '', f_shop) AS shop_id,
           if(l IN ('host', 'session'), f_host, '') AS host_id,
           if(l = 'session', f_session, '') AS live_session_id,
           count() AS shipments, sum(f_delayed) AS delayed, 1 AS present
    FROM
    (
        SELECT toString(kind) AS f_kind, toStartOfMinute(ts) AS f_bucket, toString(direction) AS f_direction,
               toString(category) AS f_category, toString(shop_id) AS f_shop, toString(host_id) AS f_host,
               live_session_id AS f_session,
               toUInt8(kind = 'due' AND (delivered_at IS NULL OR delivered_at > ts)) AS f_delayed
        FROM shipment_facts FINAL
        -- The minute alone first: the primary key (kind, ts) and the daily partitions prune on it.
        WHERE toStartOfMinute(ts) IN (SELECT hour FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'shipment_minute')
          AND (kind, toStartOfMinute(ts)) IN
              (SELECT id, hour FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'shipment_minute')
    )
    ARRAY JOIN {levels:Array(String)} AS l
    -- A fact without the level's key is not counted at that level (see migration 0011).
    WHERE l = 'all' OR key != ''
    GROUP BY level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id
) AS n
FULL OUTER JOIN
(
    -- The stored rows as FINAL would return them, filtered to the touched minutes first (as in
    -- shipment_level_rollup.sql).
    SELECT level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id,
           s_shipments, s_delayed, 1 AS present
    FROM
    (
        SELECT toString(level) AS level, key, toString(direction) AS direction, toString(kind) AS kind, bucket, toString(category) AS category,
               toString(shop_id) AS shop_id, toString(host_id) AS host_id, live_session_id,
               argMax(shipments, version) AS s_shipments, argMax(delayed, version) AS s_delayed,
               argMax(is_deleted, version) AS s_deleted
        FROM shipment_level_rollup
        WHERE level IN arrayMap(l -> concat(l, ':minute'), {levels:Array(String)})
          AND bucket IN (SELECT hour FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'shipment_minute')
          AND (kind, bucket) IN (SELECT id, hour FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'shipment_minute')
        GROUP BY level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id
    )
    WHERE s_deleted = 0
) AS o USING (level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id)
WHERE n.present != o.present OR n.shipments != o.s_shipments OR n.delayed != o.s_delayed
ORDER BY level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id
