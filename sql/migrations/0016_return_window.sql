-- The return-rate groups of the default window, precomputed by every KPI refresh run (issue #4):
-- the rolling 7 days of order dates ending at the run's clock floored to the minute and raised to
-- the hour (kpi/cohort-plan.ts rolling7Days), i.e. the window /v1/kpi/return-rates answers at that
-- clock when no `from` is given.
--
-- Why: that request grouped ~290,000 daily and hourly rollup rows into ~33,000 SKUs (benchmark
-- store) with the category baselines on every call, ~75 ms of a 100 ms budget on 2 cores; the
-- rows below are the same sums done once per run. Read by sql/kpi/return_rates_window.sql,
-- written by sql/kpi/refresh/return_window.sql, valid only while kpi_state says so
-- (kpi/return-window.ts: the row 'return_window' carries this partition's gen and window end,
-- and must match the refresh's own last version).
--
-- grouped_by 'row': one row per (shop, category, host, session, SKU) of the window, for requests
--   with a shop / host / session / SKU filter (key = '').
-- grouped_by 'sku' | 'host' | 'session' | 'category' | 'shop': one row per (key, category), the
--   dimension columns '' — what a request filtered by categories alone (or nothing) groups.
-- Every row carries its category's rates over the whole window (the baselines' inputs, which no
-- filter but the category changes).
--
-- One partition per run (gen = the run's version, milliseconds × 10): a run writes its own, then
-- the state row, then drops the partitions of runs over ten minutes older except the one committed
-- before it, so a reader that looked up gen g a moment before a run finished still finds g's rows.
CREATE TABLE IF NOT EXISTS return_window_groups
(
    gen                     UInt64,
    grouped_by              LowCardinality(String),
    key                     String,
    category                LowCardinality(String),
    shop_id                 LowCardinality(String),
    host_id                 LowCardinality(String),
    live_session_id         String,
    sku_id                  String,
    -- Signed as the sums in return_rates.sql are (hours taken out of days read whole).
    orders                  Int64,
    refunded_orders         Int64,
    quality_refunded_orders Int64,
    category_rate           Float64,
    category_quality_rate   Float64
)
ENGINE = MergeTree
PARTITION BY gen
ORDER BY (grouped_by, key, shop_id, host_id, live_session_id, sku_id);
