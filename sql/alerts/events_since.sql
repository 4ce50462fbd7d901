-- Transitions stored after a cursor (server insert time), oldest first, one row per event_id
-- (a transition written twice before the table merged is still one event).
SELECT *
FROM alert_events
WHERE recorded_at > {after:DateTime64(6, 'UTC')}
ORDER BY recorded_at, event_id
LIMIT 1 BY event_id
LIMIT {limit:UInt32}
