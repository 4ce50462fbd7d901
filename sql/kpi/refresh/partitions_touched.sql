-- The partition days (toYYYYMMDD) of the hours (or minutes) this run touched in the work lists
-- {entities}: the buckets a rollup step rewrites, so the days its rows fall on
-- (kpi/partition-chunks.ts cuts them into inserts the engine accepts).
SELECT DISTINCT toYYYYMMDD(hour) AS day
FROM kpi_touched
WHERE batch = {batch:UInt64} AND entity IN {entities:Array(String)}
ORDER BY day
