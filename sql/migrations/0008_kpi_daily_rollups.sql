-- Daily copies of the return-rate rollups (order_rollup, cohort_rollup), kept by the refresh job
-- from the hourly ones (sql/kpi/refresh/*_day_rollup.sql).
--
-- Why: a cohort window is whole hours (the rolling 7 days, and the 7 before for the overview's
-- comparison), and reading it hour by hour was most of the return-rate and overview time. A
-- live session lasts a few hours, so a (shop, category, host, session, SKU) group has a row in
-- each of its hours but only one in its day: measured on the benchmark store, about 80,000 rows
-- an hour-grained day against about 20,000 a day. Readers take the whole UTC days of a window
-- from here and only the hours at its two ends from the hourly tables.
--
-- Filled here from the hourly tables (both are derived data; a store without them yet gets
-- empty tables and the refresh job's first run fills both).

CREATE TABLE IF NOT EXISTS order_day_rollup
(
    order_day       Date,
    shop_id         LowCardinality(String),
    category        LowCardinality(String),
    host_id         LowCardinality(String),
    live_session_id String,
    sku_id          String,
    orders          UInt64,
    version         UInt64,
    is_deleted      UInt8 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version, is_deleted)
PARTITION BY toYYYYMM(order_day)
ORDER BY (order_day, shop_id, category, host_id, live_session_id, sku_id);

CREATE TABLE IF NOT EXISTS cohort_day_rollup
(
    order_day               Date,
    shop_id                 LowCardinality(String),
    category                LowCardinality(String),
    host_id                 LowCardinality(String),
    live_session_id         String,
    sku_id                  String,
    refunded_orders         UInt64,
    quality_refunded_orders UInt64,
    version                 UInt64,
    is_deleted              UInt8 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version, is_deleted)
PARTITION BY toYYYYMM(order_day)
ORDER BY (order_day, shop_id, category, host_id, live_session_id, sku_id);

-- Version 1 is below every version the job writes (milliseconds × 10), so its next rewrite of
-- a day wins; running this again writes the same rows, which merge away.
INSERT INTO order_day_rollup (order_day, shop_id, category, host_id, live_session_id, sku_id, orders, version, is_deleted)
SELECT toDate(order_hour) AS order_day, shop_id, category, host_id, live_session_id, sku_id, sum(orders), 1, 0
FROM order_rollup FINAL
GROUP BY order_day, shop_id, category, host_id, live_session_id, sku_id;

INSERT INTO cohort_day_rollup
(order_day, shop_id, category, host_id, live_session_id, sku_id, refunded_orders, quality_refunded_orders, version, is_deleted)
SELECT toDate(order_hour) AS order_day, shop_id, category, host_id, live_session_id, sku_id,
       sum(refunded_orders), sum(quality_refunded_orders), 1, 0
FROM cohort_rollup FINAL
GROUP BY order_day, shop_id, category, host_id, live_session_id, sku_id;
