-- What the host (or the assistant) said about this SKU in this session that reads as a promise
-- about quality or after-sales ({terms}: 七天无理由, 包退, 正品, 假一赔十, …), in order.
SELECT event_id, occurred_at, toString(speaker) AS speaker, text, sku_id, offset_ms,
       arrayFilter(t -> position(text, t) > 0, {terms:Array(String)}) AS matched
FROM transcript_segments
WHERE host_id = {host_id:String} AND live_session_id = {live_session_id:String}
  AND speaker IN ('host', 'assistant')
  AND sku_id = {sku_id:String}
  AND multiSearchAny(text, {terms:Array(String)})
ORDER BY offset_ms, event_id
LIMIT 1 BY event_id
LIMIT {limit:UInt32}
