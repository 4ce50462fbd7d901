-- The overview's two small reads in one round trip (every query has a fixed cost in the
-- embedded engine, several milliseconds on a busy machine, and the overview pays it per read):
--   watermark, has_watermark  until when the facts include raw events (as kpi/refresh/watermark.sql)
--   backlog  (metric, value) of the last snapshot of each of {metrics} taken at or before {at},
--            within {max_age_s} seconds of it: the "previous" value of a backlog figure. Scope
--            is the platform ('all', '') or one category; the caller passes scope '' when the
--            filters are finer than snapshots keep, which matches no snapshot.
-- The watermark and its presence come from one read of kpi_state (a subquery costs ~1 ms).
SELECT
    w.1 AS watermark,
    w.2 AS has_watermark,
    (
        SELECT groupArray((metric_name, last_value))
        FROM
        (
            SELECT toString(metric) AS metric_name, argMax(value, taken_at) AS last_value
            FROM kpi_snapshots FINAL
            WHERE has({metrics:Array(String)}, metric) AND scope = {scope:String} AND scope_value = {scope_value:String}
              AND taken_at <= {at:DateTime64(3, 'UTC')}
              AND taken_at > {at:DateTime64(3, 'UTC')} - toIntervalSecond({max_age_s:UInt32})
            GROUP BY metric_name
        )
    ) AS backlog
FROM (SELECT (max(watermark), count()) AS w FROM kpi_state FINAL WHERE name = {name:String})
