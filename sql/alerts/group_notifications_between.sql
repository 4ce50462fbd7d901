-- Group notifications whose logical time is in [from, to): the notifier's redelivery scan.
SELECT *
FROM alert_group_notifications FINAL
WHERE at >= {from:DateTime64(3, 'UTC')} AND at < {to:DateTime64(3, 'UTC')}
ORDER BY at, notification_id
LIMIT {limit:UInt32}
