-- Group notifications stored after a cursor (server insert time), oldest first, one row per id.
SELECT *
FROM alert_group_notifications
WHERE recorded_at > {after:DateTime64(6, 'UTC')}
ORDER BY recorded_at, notification_id
LIMIT 1 BY notification_id
LIMIT {limit:UInt32}
