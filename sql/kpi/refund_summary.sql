-- Refund-flow KPIs of one window [from, to) (DESIGN §4), each counted at its own moment:
--   requests (not cancelled) at requested_at — automation / timeout share = auto / timeout ÷ requests
--   decisions at the latest decision        — rejection rate = rejected ÷ decided
--   closures at the closing state           — success rate = refunded ÷ closed (refunded + rejected + cancelled)
--   completions at refunded_at              — processing time requested → refunded (mean, p50, p90, seconds)
--   ratings at rated_at                     — CSAT mean and share of 4–5
-- Percentiles interpolate linearly (p50 of 10 s and 20 s is 15 s).
--
-- The answer is a few rows per window, one per (fact kind, outcome, cancelled), which the caller
-- adds up (kpi/refund-flow.ts): grouping by three low-cardinality columns costs less than a dozen
-- conditional aggregates over every row. `refunded` rows form a single group, so its
-- percentiles are exact. One scan also answers the window before: rows of [prev_from, from)
-- come back with is_current = 0 (pass prev_from = from for the window alone).
SELECT
    ts >= {from:DateTime64(3, 'UTC')} AS is_current,
    -- Grouped by the LowCardinality columns themselves (their dictionary codes hash cheaply);
    -- the answer shows them as strings all the same.
    kind AS fact,
    outcome AS result,
    if(kind = 'request', is_cancelled, 0) AS cancelled,
    count() AS n,
    count(value) AS n_values,
    sum(value) AS value_sum,
    countIf(value >= 4) AS n_4_5,
    quantilesExactInclusiveIf(0.5, 0.9)(value, kind = 'refunded') AS q
FROM refund_facts FINAL
WHERE kind IN ('request', 'decision', 'close', 'refunded', 'rating')
  AND ts >= {prev_from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
  AND ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
  AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
  AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
  AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
  AND ({sku_id:Nullable(String)} IS NULL OR sku_id = {sku_id:Nullable(String)})
GROUP BY is_current, fact, result, cancelled
