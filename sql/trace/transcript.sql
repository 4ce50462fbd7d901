-- What was said in the session around the moment of the order: host, assistant and viewer
-- segments with offset in [from_ms, to_ms]. Sorted by (host_id, live_session_id, offset_ms), so
-- this is a primary-key range read. A replayed segment is an identical row: LIMIT 1 BY event_id
-- drops it exactly, and on a range this small is much cheaper than FINAL.
SELECT event_id, occurred_at, toString(speaker) AS speaker, text, sku_id, offset_ms
FROM transcript_segments
WHERE host_id = {host_id:String} AND live_session_id = {live_session_id:String}
  AND offset_ms >= {from_ms:UInt64} AND offset_ms <= {to_ms:UInt64}
ORDER BY offset_ms, event_id
LIMIT 1 BY event_id
LIMIT {limit:UInt32}
