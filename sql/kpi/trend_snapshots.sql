-- A metric as recorded by the snapshot job, last value per bucket. Used for figures that
-- describe "now" (stalled shipments, pickups overdue) and cannot be recomputed for the past.
-- Scope is the whole platform (scope_value '') or one category.
SELECT
    multiIf({granularity:String} = 'minute', toUnixTimestamp(toStartOfMinute(taken_at)),
            {granularity:String} = 'hour', toUnixTimestamp(toStartOfHour(taken_at)),
            toUnixTimestamp(toStartOfDay(taken_at, {tz:String}))) AS bucket,
    argMax(value, taken_at) AS value,
    argMax(numerator, taken_at) AS numerator,
    argMax(denominator, taken_at) AS denominator
FROM kpi_snapshots FINAL
WHERE metric = {metric:String}
  AND scope = {scope:String} AND scope_value = {scope_value:String}
  AND taken_at >= {from:DateTime64(3, 'UTC')} AND taken_at < {to:DateTime64(3, 'UTC')}
GROUP BY bucket
ORDER BY bucket
