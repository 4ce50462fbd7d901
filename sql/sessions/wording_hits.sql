-- Wording hits of the session's segments (spans into each segment's text).
SELECT event_id, phrase, term, toString(category) AS category, toString(rule_id) AS rule_id,
       toString(severity) AS severity, alternative, span_start, span_end, offset_ms
FROM wording_hits FINAL
WHERE host_id = {host_id:String} AND live_session_id = {live_session_id:String}
ORDER BY offset_ms, span_start
LIMIT 10000
