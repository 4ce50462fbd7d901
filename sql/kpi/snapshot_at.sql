-- The last snapshot of each of {metrics} taken at or before {at}, within {max_age_s} seconds of
-- it (the "previous period" value of a backlog figure).
SELECT toString(metric) AS name, argMax(value, taken_at) AS last_value
FROM kpi_snapshots FINAL
WHERE has({metrics:Array(String)}, metric) AND scope = {scope:String} AND scope_value = {scope_value:String}
  AND taken_at <= {at:DateTime64(3, 'UTC')}
  AND taken_at > {at:DateTime64(3, 'UTC')} - toIntervalSecond({max_age_s:UInt32})
GROUP BY name
