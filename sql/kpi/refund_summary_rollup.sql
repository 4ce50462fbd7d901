-- sql/kpi/refund_summary_levels.sql without its facts part, for plans whose fact ranges are all
-- empty (kpi/refund-flow.ts summaryPlan: windows whose ends are whole minutes, within the minute
-- rows' retention, e.g. the overview's default). Even with empty ranges that part cost ~4 ms of
-- ~17 per read on the benchmark store (opening the facts table FINAL: parts, index analysis,
-- pipeline); a constant-false condition there did not avoid it. Keep the two files' rollup parts
-- identical (parameters as described there).
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
)
GROUP BY is_current, fact, result, cancelled
