-- How much work this run found, per kind of work list (the job skips empty steps).
SELECT entity, count() AS n
FROM kpi_touched
WHERE batch = {batch:UInt64}
GROUP BY entity
