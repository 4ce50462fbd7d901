-- The return summary (return_summary.sql) read from the level rollups (return_levels, migrations
-- 0012 and 0015): the same cohort plan (kpi/cohort-plan.ts) and the same answer, but ONE read of the rows
-- of one level and key (kpi/return-rates.ts picks the finest level among the filters: session >
-- host > shop > all) instead of every (shop, category, host, session, SKU) group of the rollups.
-- Day rows of {cur_days} / {prev_days} count whole toward their window; hour rows of {hours}
-- count toward the window they lie in and are taken out of the window their day was counted
-- toward, as in return_summary.sql. Each row's two weights (-1, 0 or 1) say how it counts toward
-- the current and the previous window. The remaining filters are tested on the level rows' own
-- columns (shop_id / host_id of a host or session row, category of every row), so every
-- combination is exact.
--
-- The sort key starts with (level, key, grain, bucket) (migration 0015), so the rows read are
-- one (level, key) range per month partition, narrowed by grain and bucket inside it (level
-- 'all' on the benchmark store: 5 granules in 4 ranges, against 17 in 17 when bucket came
-- before level). {day_buckets} are the same days as DateTimes: the key condition is on
-- `bucket` itself, since toDate(bucket) IN … cost the index analysis a few ms (measured on the
-- benchmark store).
SELECT
    sum(cur * o) AS orders,
    sum(cur * r) AS refunded_orders,
    sum(cur * q) AS quality_refunded_orders,
    sum(prev * o) AS prev_orders,
    sum(prev * r) AS prev_refunded_orders,
    sum(prev * q) AS prev_quality_refunded_orders
FROM
(
    SELECT
        toInt64(orders) AS o, toInt64(refunded_orders) AS r, toInt64(quality_refunded_orders) AS q,
        has({cur_days:Array(Date)}, toDate(bucket)) AS in_cur_day,
        has({prev_days:Array(Date)}, toDate(bucket)) AS in_prev_day,
        if(grain = 'day', toInt64(in_cur_day),
           toInt64(bucket >= {from:DateTime('UTC')} AND bucket < {to:DateTime('UTC')}) - in_cur_day) AS cur,
        if(grain = 'day', toInt64(in_prev_day),
           toInt64(bucket >= {prev_from:DateTime('UTC')} AND bucket < {from:DateTime('UTC')}) - in_prev_day) AS prev
    FROM return_levels FINAL
    WHERE ((grain = 'day' AND bucket IN {day_buckets:Array(DateTime('UTC'))})
        OR (grain = 'hour' AND bucket IN {hours:Array(DateTime('UTC'))}))
      AND level = {level:String} AND key = {key:String}
      AND ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
      AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
      AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
      AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
      -- Levels carry no SKUs: a SKU filter must never be silently dropped, so here it matches
      -- nothing (kpi/return-rates.ts sends SKU-filtered reads to return_summary.sql instead).
      AND {sku_id:Nullable(String)} IS NULL
)
