-- Refunds open right now, per stage they wait in, with the longest wait and how many waited
-- past {sla_s} seconds (the merchant-decision SLA is 48 h by default). Not windowed: a backlog
-- is a "now" figure.
SELECT
    toString(outcome) AS stage,
    count() AS waiting,
    min(ts) AS oldest_since,
    countIf(ts < {now:DateTime64(3, 'UTC')} - toIntervalSecond({sla_s:UInt32})) AS over_sla
FROM refund_facts FINAL
WHERE kind = 'open'
  AND ts <= {now:DateTime64(3, 'UTC')}
  AND ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
  AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
  AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
  AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
  AND ({sku_id:Nullable(String)} IS NULL OR sku_id = {sku_id:Nullable(String)})
GROUP BY stage
