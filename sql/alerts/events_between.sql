-- Transitions of the given kinds whose logical time is in [from, to): the notifier's redelivery
-- scan after a restart.
SELECT *
FROM alert_events FINAL
WHERE at >= {from:DateTime64(3, 'UTC')} AND at < {to:DateTime64(3, 'UTC')}
  AND has({transitions:Array(String)}, transition)
ORDER BY at, event_id
LIMIT {limit:UInt32}
