-- The refund summary of sql/kpi/refund_summary.sql (same rows, same meaning), read from the
-- level rollup (migration 0009) for the whole hours of each window, from its minute rows
-- (migration 0013) for the whole minutes around them, and from the facts only for the
-- sub-minute slivers at the windows' ends. kpi/refund-flow.ts summaryPlan plans the parts:
--   {level}/{key}          the finest filter set (session > host > shop > all) and its value:
--                          the primary-key prefix, so the hours are one range per day
--   {minute_level}         the same level's minute rows ('<level>:minute'), same key
--   {p0}..{p1}, {c0}..{c1} the whole hours of the previous / current window (p0 >= p1: none)
--   {m*_from}..{m*_to}     up to four ranges of whole minutes, from the minute rows
--   {e*_from}..{e*_to}     the rest of [prev_from, to), up to three sub-minute ranges (or, before
--                          the minute rows' retention, partial hours) from the facts
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
    WHERE key = {key:String}
      -- Levels carry no SKUs: with a SKU filter no level row matches (refund-flow.ts sends those
      -- requests to refund_summary.sql; a throwIf guard here cost ~10 ms on every read).
      AND {sku_id:Nullable(String)} IS NULL
      AND ((level = {level:String}
            AND ((bucket >= {p0:DateTime('UTC')} AND bucket < {p1:DateTime('UTC')}) OR (bucket >= {c0:DateTime('UTC')} AND bucket < {c1:DateTime('UTC')})))
        OR (level = {minute_level:String}
            AND ((bucket >= {m0_from:DateTime('UTC')} AND bucket < {m0_to:DateTime('UTC')})
              OR (bucket >= {m1_from:DateTime('UTC')} AND bucket < {m1_to:DateTime('UTC')})
              OR (bucket >= {m2_from:DateTime('UTC')} AND bucket < {m2_to:DateTime('UTC')})
              OR (bucket >= {m3_from:DateTime('UTC')} AND bucket < {m3_to:DateTime('UTC')}))))
      AND ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
      AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
      AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
      AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
    UNION ALL
    -- The edges: seconds of facts (a few hours outside the minute rows' retention), grouped as
    -- sql/kpi/refund_summary.sql groups.
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
