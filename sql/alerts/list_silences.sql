-- Silences not deleted; `active_at` > 0 keeps only those in force then.
SELECT *
FROM alert_silences FINAL
WHERE deleted = 0
  AND ({id:String} = '' OR id = {id:String})
  AND ({active_at:DateTime64(3, 'UTC')} = toDateTime64(0, 3, 'UTC') OR (starts_at <= {active_at:DateTime64(3, 'UTC')} AND ends_at > {active_at:DateTime64(3, 'UTC')}))
ORDER BY ends_at DESC, id
LIMIT {limit:UInt32}
