-- The session's transcript (host, assistant and viewer lines) in offset order. Sorted by
-- (host_id, live_session_id, offset_ms): a primary-key range read; FINAL drops replays.
SELECT event_id, occurred_at, toString(speaker) AS speaker, text, sku_id, offset_ms
FROM transcript_segments FINAL
WHERE host_id = {host_id:String} AND live_session_id = {live_session_id:String}
  AND offset_ms >= {from_ms:UInt64}
ORDER BY offset_ms, event_id
LIMIT {limit:UInt32}
