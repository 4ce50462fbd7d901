-- Duration of each refund stage that ENDED in [from, to), in seconds:
--   stage_decision    requested → first decision (merchant, rule or timeout)
--   stage_ship_back   approval → buyer ships the return
--   stage_transit     buyer ships → warehouse receives
--   stage_money_back  warehouse receipt (approval when nothing is returned) → refunded
SELECT
    kind AS stage,
    count() AS n,
    avg(value) AS mean_s,
    quantilesExactInclusive(0.5, 0.9)(value) AS q_s,
    max(value) AS max_s
FROM refund_facts FINAL
WHERE kind IN ('stage_decision', 'stage_ship_back', 'stage_transit', 'stage_money_back')
  AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
  AND ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
  AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
  AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
  AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
  AND ({sku_id:Nullable(String)} IS NULL OR sku_id = {sku_id:Nullable(String)})
GROUP BY kind
