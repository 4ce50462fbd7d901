-- Hourly counts of shipment_facts at four filter LEVELS, for the logistics overview read
-- (sql/kpi/logistics_national_levels.sql), kept exact by the refresh job
-- (sql/kpi/refresh/touch_shipment_hours.sql, shipment_level_rollup.sql).
--
-- Why levels: a dashboard filter (shop, host, live session) cannot prune shipment_facts, which
-- is ordered by (kind, ts, id), and a plain rollup by (hour, shop, category, host, session)
-- keeps nearly every row. Here each row is counted once per level, and the level's key — ''
-- for 'all', the shop / host / session id for the others — leads the sort key, so the finest
-- filter a request carries reads one short key range; the other filters (category list, shop,
-- host) are tested on the row's own columns, which carry every attribute coarser than the
-- level ('' for finer ones). A fact whose key at a level would be '' (its order has not
-- arrived) is not counted at that level; it stays in the coarser ones.
--
-- Why (level, key, direction, kind, bucket) and not the bucket first: the backlog figures read
-- 30 days of hours (stalled, pickup overdue) and the delay rate 48; with the bucket first each
-- hour is a separate key range of at least one granule, with it last a level's hours of one
-- kind are contiguous (the 'all' level of 30 days is ~5,000 rows). The refresh job finds a
-- touched hour's stored rows through the level (first in the key) and the month partition.
-- Monthly, not daily, partitions: the backlog's 30 days then span two partitions, not 31, and
-- measured on the benchmark store (settled) the 'all' read took 7.5 ms against 13 ms daily.
--
-- `delayed` counts the due shipments delivered after their promise or not delivered: a property
-- of the fact row alone (delivered_at vs ts), so hourly sums are exact. Other kinds keep 0.
CREATE TABLE IF NOT EXISTS shipment_level_rollup
(
    level           LowCardinality(String),
    key             String,
    direction       LowCardinality(String),
    kind            LowCardinality(String),
    bucket          DateTime('UTC'),
    category        LowCardinality(String),
    shop_id         LowCardinality(String),
    host_id         LowCardinality(String),
    live_session_id String,
    shipments       UInt64,
    delayed         UInt64,
    version         UInt64,
    is_deleted      UInt8 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version, is_deleted)
PARTITION BY toYYYYMM(bucket)
ORDER BY (level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id)
SETTINGS index_granularity = 256;

-- Backfill from the facts as they are, one level per statement (bounded memory on a large
-- store). Version 1 is below every version the job writes (milliseconds × 10), so its next
-- rewrite of an hour wins; running this again writes the same rows, which merge away. A store
-- without facts gets nothing here and the refresh job's first (full) run fills the table.
INSERT INTO shipment_level_rollup
(level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id, shipments, delayed, version, is_deleted)
SELECT 'all', '', direction, kind, toStartOfHour(ts) AS bucket, category, '', '', '',
       count(), sum(toUInt8(kind = 'due' AND (delivered_at IS NULL OR delivered_at > ts))), 1, 0
FROM shipment_facts FINAL
GROUP BY direction, kind, bucket, category;

INSERT INTO shipment_level_rollup
(level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id, shipments, delayed, version, is_deleted)
SELECT 'shop', toString(shop_id), direction, kind, toStartOfHour(ts) AS bucket, category, shop_id, '', '',
       count(), sum(toUInt8(kind = 'due' AND (delivered_at IS NULL OR delivered_at > ts))), 1, 0
FROM shipment_facts FINAL
WHERE shop_id != ''
GROUP BY shop_id, direction, kind, bucket, category;

INSERT INTO shipment_level_rollup
(level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id, shipments, delayed, version, is_deleted)
SELECT 'host', toString(host_id), direction, kind, toStartOfHour(ts) AS bucket, category, shop_id, host_id, '',
       count(), sum(toUInt8(kind = 'due' AND (delivered_at IS NULL OR delivered_at > ts))), 1, 0
FROM shipment_facts FINAL
WHERE host_id != ''
GROUP BY host_id, direction, kind, bucket, category, shop_id;

INSERT INTO shipment_level_rollup
(level, key, direction, kind, bucket, category, shop_id, host_id, live_session_id, shipments, delayed, version, is_deleted)
SELECT 'session', live_session_id, direction, kind, toStartOfHour(ts) AS bucket, category, shop_id, host_id, live_session_id,
       count(), sum(toUInt8(kind = 'due' AND (delivered_at IS NULL OR delivered_at > ts))), 1, 0
FROM shipment_facts FINAL
WHERE live_session_id != ''
GROUP BY live_session_id, direction, kind, bucket, category, shop_id, host_id;
