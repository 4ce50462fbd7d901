-- Hourly level rollup of the refund summary (sql/kpi/refund_summary_levels.sql, issue #4).
--
-- Why: the overview's refund read scanned every fact row of its 48 hours (~0.55 M rows) for
-- every request, because the filters (shop, category, host, live session) cannot prune a table
-- ordered by (kind, ts, refund_id), and a plain rollup by (hour, shop, category, host, session)
-- keeps ~95 % of the rows. Here every group is written at several LEVELS, each keyed so the
-- finest filter a request carries is a primary-key prefix:
--   level 'all'      grouped by hour, category                          key ''
--   level 'shop'     grouped by hour, shop, category                    key shop_id
--   level 'host'     grouped by hour, shop, host, category              key host_id
--   level 'session'  grouped by hour, shop, host, session, category     key live_session_id
-- each also by (kind, outcome, cancelled) as the summary groups. Columns a level does not group
-- by are '', so the reader applies the remaining filters to the row columns and stays exact for
-- every combination. A fact whose level key is '' (its order has not arrived) is not written
-- at that level; it stays in the coarser ones. `refunded` groups carry their values, sorted, so the
-- percentiles of any set of hours stay exact (quantilesExactInclusiveArray).
--
-- Layout: ORDER BY (level, key, bucket, …), so a read of one level key over 48 hours is one
-- contiguous range per day partition. Keyed (bucket, level, key, …) instead, the same read was
-- ~48 small ranges, one granule per hour, each decompressing whole blocks of every column: on
-- the benchmark store (44 h of one host, merged, small blocks) 20.1 ms against 9.0 ms. The job's
-- rewrite reads the touched hours of level 'all' by prefix and of the finer levels by their
-- shop column within the touched days. Compressed blocks are kept to a few granules (the
-- default 64 KiB–1 MiB cost the small reads of a host or session most of their time), and the
-- job merges the recent days (FINAL over the 4 parts a day had after a few ticks took 3-4x as
-- long as over one). Daily partitions as for the facts (0007): a tick's small parts overlap
-- only the days it touched.
CREATE TABLE IF NOT EXISTS refund_level_rollup
(
    bucket          DateTime('UTC'),
    level           LowCardinality(String),
    key             String,
    shop_id         LowCardinality(String),
    host_id         LowCardinality(String),
    live_session_id String,
    category        LowCardinality(String),
    kind            LowCardinality(String),
    outcome         LowCardinality(String),
    cancelled       UInt8,
    n               UInt64,
    n_values        UInt64,
    value_sum       Float64,
    n_4_5           UInt64,
    refunded_values Array(Float64),
    version         UInt64,
    is_deleted      UInt8 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version, is_deleted)
PARTITION BY toDate(bucket)
ORDER BY (level, key, bucket, category, shop_id, host_id, live_session_id, kind, outcome, cancelled)
SETTINGS index_granularity = 256, min_compress_block_size = 4096, max_compress_block_size = 16384;

-- Backfill from the facts already stored, so an existing store needs no rebuild (a fresh store
-- has no facts yet; the refresh job's first run fills it). Version 1 is below every version the
-- job writes (milliseconds × 10), so its next rewrite of an hour wins; running this again
-- writes the same rows, which merge away. The grouping is the one the job uses
-- (sql/kpi/refresh/refund_level_rollup.sql).
INSERT INTO refund_level_rollup
(
    bucket, level, key, shop_id, host_id, live_session_id, category, kind, outcome, cancelled,
    n, n_values, value_sum, n_4_5, refunded_values, version, is_deleted
)
SELECT
    toStartOfHour(ts) AS bucket, lv.1 AS level, lv.2 AS key, lv.3 AS shop, lv.4 AS host, lv.5 AS session,
    toString(category) AS cat, toString(kind) AS k, toString(outcome) AS o, if(kind = 'request', is_cancelled, 0) AS c,
    count(), count(value), coalesce(sum(value), 0), countIf(value >= 4), arraySort(groupArrayIf(value, kind = 'refunded')), 1, 0
FROM refund_facts FINAL
ARRAY JOIN arrayFilter(x -> x.2 != '' OR x.1 = 'all', [
    ('all', '', '', '', ''),
    ('shop', toString(shop_id), toString(shop_id), '', ''),
    ('host', toString(host_id), toString(shop_id), toString(host_id), ''),
    ('session', live_session_id, toString(shop_id), toString(host_id), live_session_id)
]) AS lv
WHERE kind IN ('request', 'decision', 'close', 'refunded', 'rating')
GROUP BY bucket, level, key, shop, host, session, cat, k, o, c
ORDER BY level, key, bucket, cat, shop, host, session, k, o, c;
