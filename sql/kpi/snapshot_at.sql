-- The last snapshot of a metric taken at or before {at}, within {max_age_s} seconds of it
-- (the "previous period" value of a backlog figure).
SELECT value, numerator, denominator, taken_at
FROM kpi_snapshots FINAL
WHERE metric = {metric:String} AND scope = {scope:String} AND scope_value = {scope_value:String}
  AND taken_at <= {at:DateTime64(3, 'UTC')}
  AND taken_at > {at:DateTime64(3, 'UTC')} - toIntervalSecond({max_age_s:UInt32})
ORDER BY taken_at DESC
LIMIT 1
