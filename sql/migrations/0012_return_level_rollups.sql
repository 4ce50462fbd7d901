-- Level rollups of the return-rate cohorts (issue #4): the order and cohort rollups (0004 hourly,
-- 0008 daily) summed again at four LEVELS, each keyed so that the filter an overview request
-- carries is a primary-key prefix. Read by sql/kpi/return_summary_levels.sql, kept by the refresh
-- job (sql/kpi/refresh/order_levels.sql, cohort_levels.sql) from the rollups it has just rewritten.
--
-- Why: the return summary of the overview read 14 whole days of the daily rollups (~20,000 rows
-- a day each, one per shop/category/host/session/SKU group) plus the edge hours of the hourly
-- ones, and no filter could skip any of them. Here a day or hour of level 'all' is a row per
-- category, and a shop / host / session filter reads the few rows of its key:
--   level 'all'     grouped by (bucket, category)                                 key = ''
--   level 'shop'    grouped by (bucket, shop_id, category)                        key = shop_id
--   level 'host'    grouped by (bucket, shop_id, host_id, category)               key = host_id
--   level 'session' grouped by (bucket, shop_id, host_id, live_session_id, category) key = live_session_id
-- Columns a level does not group by are ''. A group whose key would be '' is not written at
-- that level (it stays in the coarser ones). SKUs are not carried: a SKU filter reads the rollups as before.
--
-- Both grains in one table (grain 'day': bucket = the UTC day; 'hour': the hour), and both
-- sides (source 'order': orders; 'cohort': refunded / quality-refunded orders), so a summary is
-- ONE small read. Measured on the benchmark store: with only days here, the edge hours read from
-- the hourly rollups were half the summary's time even unfiltered (they prune nothing for a host
-- or session), and four small table reads cost ~33 ms where one read of ~50 granules costs ~21
-- (same minute, 2 parts each). The sides are separate rows (source is in the key)
-- because different refresh steps rewrite them at the same time; a row with both counts would
-- let one step's write replace the other's.
--
-- index_granularity 256: a (grain, bucket, level, key) lookup reads a small granule or two per
-- bucket instead of a default 8,192-row one. Monthly partitions: a summary spans 14 days, and
-- FINAL's cost here grows with the number of parts it opens, not with the rows.

CREATE TABLE IF NOT EXISTS return_levels
(
    grain                   LowCardinality(String),
    bucket                  DateTime('UTC'),
    level                   LowCardinality(String),
    key                     String,
    source                  LowCardinality(String),
    category                LowCardinality(String),
    shop_id                 LowCardinality(String),
    host_id                 LowCardinality(String),
    live_session_id         String,
    orders                  UInt64,
    refunded_orders         UInt64,
    quality_refunded_orders UInt64,
    version                 UInt64,
    is_deleted              UInt8 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version, is_deleted)
PARTITION BY toYYYYMM(bucket)
ORDER BY (grain, bucket, level, key, source, category, shop_id, host_id, live_session_id)
SETTINGS index_granularity = 256;

-- Backfill from the rollups, with the level expansion of the refresh steps. Version 1 is below
-- every version the job writes (milliseconds × 10), so its next rewrite of a bucket wins;
-- running this again writes the same rows, which merge away.
INSERT INTO return_levels
SELECT 'hour', order_hour, l.1, l.2, 'order', category, l.3, l.4, l.5, sum(orders), 0, 0, 1, 0
FROM order_rollup FINAL
ARRAY JOIN [('all', '', '', '', ''),
            ('shop', toString(shop_id), toString(shop_id), '', ''),
            ('host', toString(host_id), toString(shop_id), toString(host_id), ''),
            ('session', live_session_id, toString(shop_id), toString(host_id), live_session_id)] AS l
WHERE l.1 = 'all' OR l.2 != ''
GROUP BY order_hour, l.1, l.2, category, l.3, l.4, l.5;

INSERT INTO return_levels
SELECT 'day', toDateTime(order_day, 'UTC'), l.1, l.2, 'order', category, l.3, l.4, l.5, sum(orders), 0, 0, 1, 0
FROM order_day_rollup FINAL
ARRAY JOIN [('all', '', '', '', ''),
            ('shop', toString(shop_id), toString(shop_id), '', ''),
            ('host', toString(host_id), toString(shop_id), toString(host_id), ''),
            ('session', live_session_id, toString(shop_id), toString(host_id), live_session_id)] AS l
WHERE l.1 = 'all' OR l.2 != ''
GROUP BY order_day, l.1, l.2, category, l.3, l.4, l.5;

INSERT INTO return_levels
SELECT 'hour', order_hour, l.1, l.2, 'cohort', category, l.3, l.4, l.5, 0, sum(refunded_orders), sum(quality_refunded_orders), 1, 0
FROM cohort_rollup FINAL
ARRAY JOIN [('all', '', '', '', ''),
            ('shop', toString(shop_id), toString(shop_id), '', ''),
            ('host', toString(host_id), toString(shop_id), toString(host_id), ''),
            ('session', live_session_id, toString(shop_id), toString(host_id), live_session_id)] AS l
WHERE l.1 = 'all' OR l.2 != ''
GROUP BY order_hour, l.1, l.2, category, l.3, l.4, l.5;

INSERT INTO return_levels
SELECT 'day', toDateTime(order_day, 'UTC'), l.1, l.2, 'cohort', category, l.3, l.4, l.5, 0, sum(refunded_orders), sum(quality_refunded_orders), 1, 0
FROM cohort_day_rollup FINAL
ARRAY JOIN [('all', '', '', '', ''),
            ('shop', toString(shop_id), toString(shop_id), '', ''),
            ('host', toString(host_id), toString(shop_id), toString(host_id), ''),
            ('session', live_session_id, toString(shop_id), toString(host_id), live_session_id)] AS l
WHERE l.1 = 'all' OR l.2 != ''
GROUP BY order_day, l.1, l.2, category, l.3, l.4, l.5;

-- One part per partition to start from: the four inserts above leave several overlapping parts,
-- and a read's FINAL costs about a third more over six parts than over two (measured).
OPTIMIZE TABLE return_levels FINAL;
