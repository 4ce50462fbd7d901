-- Delay rate per bucket of promised time (see logistics_regions.sql for the definitions).
SELECT
    multiIf({granularity:String} = 'minute', toUnixTimestamp(toStartOfMinute(ts)),
            {granularity:String} = 'hour', toUnixTimestamp(toStartOfHour(ts)),
            toUnixTimestamp(toStartOfDay(ts, {tz:String}))) AS bucket,
    count() AS due,
    countIf(delivered_at IS NULL OR delivered_at > ts) AS delayed
FROM shipment_facts FINAL
WHERE kind = 'due' AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
  AND direction = {direction:String}
  AND ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
  AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
  AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
  AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
  AND ({sku_id:Nullable(String)} IS NULL OR sku_id = {sku_id:Nullable(String)})
GROUP BY bucket
ORDER BY bucket
