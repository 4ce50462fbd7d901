-- The refund summary of sql/kpi/refund_summary.sql (same rows, same meaning), read from the
-- level rollup (migration 0009) for the whole hours of each window and from the facts only at
-- the window's edges. kpi/refund-flow.ts plans the parts:
--   {level}/{key}          the finest filter set (session > host > shop > all) and its value:
--                          the primary-key prefix, so the hours are one range per day
--   {p0}..{p1}, {c0}..{c1} the whole hours of the previous / current window (p0 = p1: none)
--   {e*_from}..{e*_to}     the rest of [prev_from, to), at most three edge ranges, from the facts
-- The other filters apply to the row columns, which every level carries ('' where it does not
-- group by them), so every combination is exact. No sku filter: those requests read the facts.
SELECT
    is_current,
    fact,
    result,
    cancelled,
    sum(n) AS n,
    sum(n_values) AS n_values,
    sum(value_sum) AS value_sum,
    sum(n_4_5) AS n_4_5,
    quantilesExactInclusiveArray(0.5, 0.9)(vals) AS q
FROM
(
    SELECT bucket >= {from:DateTime64(3, 'UTC')} AS is_current, toString(kind) AS fact, toString(outcome) AS result, cancelled,
           n, n_values, value_sum, n_4_5, refunded_values AS vals
    FROM refund_level_rollup FINAL
    WHERE level = {level:String} AND key = {key:String}
      -- Levels carry no SKUs: with a SKU filter no level row matches (refund-flow.ts sends those
      -- requests to refund_summary.sql; a throwIf guard here cost ~10 ms on every read).
      AND {sku_id:Nullable(String)} IS NULL
      AND ((bucket >= {p0:DateTime('UTC')} AND bucket < {p1:DateTime('UTC')}) OR (bucket >= {c0:DateTime('UTC')} AND bucket < {c1:DateTime('UTC')}))
      AND ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
      AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
      AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
      AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
    UNION ALL
    -- The edges: a few hours of facts at most, grouped as sql/kpi/refund_summary.sql groups.
    SELECT ts >= {from:DateTime64(3, 'UTC')} AS is_current, toString(kind), toString(outcome), if(kind = 'request', is_cancelled, 0),
           count(), count(value), sum(value), countIf(value >= 4), groupArrayIf(value, kind = 'refunded')
    FROM refund_facts FINAL
    WHERE kind IN ('request', 'decision', 'close', 'refunded', 'rating')
      AND ((ts >= {e0_from:DateTime64(3, 'UTC')} AND ts < {e0_to:DateTime64(3, 'UTC')})
        OR (ts >= {e1_from:DateTime64(3, 'UTC')} AND ts < {e1_to:DateTime64(3, 'UTC')})
        OR (ts >= {e2_from:DateTime64(3, 'UTC')} AND ts < {e2_to:DateTime64(3, 'UTC')}))
      AND ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
      AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
      AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
      AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
      AND {sku_id:Nullable(String)} IS NULL
    GROUP BY kind, outcome, is_cancelled, is_current
)
GROUP BY is_current, fact, result, cancelled
