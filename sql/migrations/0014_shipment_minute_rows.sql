-- Minute rows in shipment_level_rollup (migration 0011): levels 'all:minute', 'shop:minute',
-- 'host:minute', 'session:minute' (kpi/level-split.ts minuteLevel), grouped and keyed exactly as
-- the hour rows of their level with bucket = the minute. A logistics read whose ranges end on
-- whole minutes (sql/kpi/logistics_national_levels_minutes.sql) takes the whole minutes around
-- a range's whole hours from them, in the same scan as the hours, and reads no facts. In the
-- same table, not a new one: every table a read touches costs ~3.5 ms on the benchmark store.
--
-- Kept for recent hours only: the refresh job writes them for minutes from the start of the
-- hour MINUTE_ROWS_WRITTEN_DAYS (4) days before its run, reads use them from 3 days before their
-- `now`. Older minute rows may miss later changes and are never read; this TTL drops them a
-- week after their minute (at merges, which rewrite the part holding them).
-- materialize_ttl_after_modify = 0: the TTL applies to parts written or merged from now on; no
-- mutation rewrites every part of the table now. On the benchmark store (3.6 M hour rows, 5.9 M
-- facts) this migration took 8.6 s and added 4.9 M minute rows (all:minute 0.1 M, shop / host /
-- session 1.6 M each) for the 4 days and the promises ahead.
ALTER TABLE shipment_level_rollup
    MODIFY TTL bucket + INTERVAL 7 DAY DELETE WHERE endsWith(level, ':minute')
    SETTINGS materialize_ttl_after_modify = 0;

-- Backfill the written retention from the facts as they are, one level per statement (bounded
-- memory), version 1 like migration 0011's backfill (below every version the job writes). A
-- store without facts gets nothing here; the refresh job's first run writes them.
INSERT INTO shipment_level_rollup
(level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id, shipments, delayed, version, is_deleted)
SELECT 'all:minute', '', direction, kind, toStartOfMinute(ts) AS bucket, category, '', '', '',
       count(), sum(toUInt8(kind = 'due' AND (delivered_at IS NULL OR delivered_at > ts))), 1, 0
FROM shipment_facts FINAL
WHERE ts >= toStartOfHour(now()) - INTERVAL 4 DAY
GROUP BY direction, kind, bucket, category;

INSERT INTO shipment_level_rollup
(level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id, shipments, delayed, version, is_deleted)
SELECT 'shop:minute', toString(shop_id), direction, kind, toStartOfMinute(ts) AS bucket, category, shop_id, '', '',
       count(), sum(toUInt8(kind = 'due' AND (delivered_at IS NULL OR delivered_at > ts))), 1, 0
FROM shipment_facts FINAL
WHERE ts >= toStartOfHour(now()) - INTERVAL 4 DAY AND shop_id != ''
GROUP BY shop_id, direction, kind, bucket, category;

INSERT INTO shipment_level_rollup
(level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id, shipments, delayed, version, is_deleted)
SELECT 'host:minute', toString(host_id), direction, kind, toStartOfMinute(ts) AS bucket, category, shop_id, host_id, '',
       count(), sum(toUInt8(kind = 'due' AND (delivered_at IS NULL OR delivered_at > ts))), 1, 0
FROM shipment_facts FINAL
WHERE ts >= toStartOfHour(now()) - INTERVAL 4 DAY AND host_id != ''
GROUP BY host_id, direction, kind, bucket, category, shop_id;

INSERT INTO shipment_level_rollup
(level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id, shipments, delayed, version, is_deleted)
SELECT 'session:minute', live_session_id, direction, kind, toStartOfMinute(ts) AS bucket, category, shop_id, host_id, live_session_id,
       count(), sum(toUInt8(kind = 'due' AND (delivered_at IS NULL OR delivered_at > ts))), 1, 0
FROM shipment_facts FINAL
WHERE ts >= toStartOfHour(now()) - INTERVAL 4 DAY AND live_session_id != ''
GROUP BY live_session_id, direction, kind, bucket, category, shop_id, host_id;
