-- CSAT of ratings given in [from, to): mean, share of 4–5, and the count of each score. A
-- refund rated twice counts once, with its latest rating. One scan also answers the window
-- before: ratings of [prev_from, from) come back as is_current = 0 (prev_from = from: the window
-- alone).
SELECT
    ts >= {from:DateTime64(3, 'UTC')} AS is_current,
    count() AS ratings,
    avg(value) AS mean,
    countIf(value >= 4) AS score_4_5,
    countIf(value = 1) AS score_1,
    countIf(value = 2) AS score_2,
    countIf(value = 3) AS score_3,
    countIf(value = 4) AS score_4,
    countIf(value = 5) AS score_5
FROM refund_facts FINAL
WHERE kind = 'rating'
  AND ts >= {prev_from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
  AND ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
  AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
  AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
  AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
  AND ({sku_id:Nullable(String)} IS NULL OR sku_id = {sku_id:Nullable(String)})
GROUP BY is_current
