-- The return summary (return_summary.sql) read from the level rollups (return_levels, migration
-- 0012): the same cohort plan (kpi/cohort-plan.ts) and the same answer, but ONE read of the rows
-- of one level and key (kpi/return-rates.ts picks the finest level among the filters: session >
-- host > shop > all) instead of every (shop, category, host, session, SKU) group of the rollups.
-- The days {cur_days} / {prev_days} are day rows counted whole toward their window; the hours
-- {hours} are hour rows, each added to the window it lies in and taken out of the window its
-- day was counted toward, as in return_summary.sql. The remaining filters are tested on the
-- level rows' own columns (shop_id / host_id of a host or session row, category of every row),
-- so every combination is exact. No SKU filter: levels carry no SKUs, that read stays on
-- return_summary.sql (see the last condition).
SELECT
    move.1 AS is_current,
    sum(move.2 * orders) AS orders,
    sum(move.2 * refunded_orders) AS refunded_orders,
    sum(move.2 * quality_refunded_orders) AS quality_refunded_orders
FROM
(
    SELECT grain, bucket, toInt64(orders) AS orders, toInt64(refunded_orders) AS refunded_orders,
           toInt64(quality_refunded_orders) AS quality_refunded_orders, shop_id, category, host_id, live_session_id
    FROM return_levels FINAL
    WHERE ((grain = 'day' AND (toDate(bucket) IN {cur_days:Array(Date)} OR toDate(bucket) IN {prev_days:Array(Date)}))
        OR (grain = 'hour' AND bucket IN {hours:Array(DateTime('UTC'))}))
      AND level = {level:String} AND key = {key:String}
)
ARRAY JOIN if(grain = 'day',
              [(has({cur_days:Array(Date)}, toDate(bucket)), 1)],
              arrayConcat(
                  multiIf(bucket >= {from:DateTime('UTC')} AND bucket < {to:DateTime('UTC')}, [(1, 1)],
                          bucket >= {prev_from:DateTime('UTC')} AND bucket < {from:DateTime('UTC')}, [(0, 1)], []),
                  multiIf(has({cur_days:Array(Date)}, toDate(bucket)), [(1, -1)],
                          has({prev_days:Array(Date)}, toDate(bucket)), [(0, -1)], []))) AS move
WHERE ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
  AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
  AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
  AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
  -- Levels carry no SKUs: a SKU filter must never be silently dropped, so here it matches nothing
  -- (kpi/return-rates.ts sends SKU-filtered reads to return_summary.sql instead).
  AND {sku_id:Nullable(String)} IS NULL
GROUP BY is_current
