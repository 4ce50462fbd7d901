-- Every transition of one alert, oldest first.
SELECT *
FROM alert_events FINAL
WHERE fingerprint = {fingerprint:String}
ORDER BY at, recorded_at
LIMIT {limit:UInt32}
