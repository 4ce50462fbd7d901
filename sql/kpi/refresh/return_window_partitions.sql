-- The partitions of return_window_groups (migration 0016) written by runs older than {before}
-- (a version: kpi/return-window.ts drops them once a newer run has committed).
SELECT DISTINCT partition_id
FROM system.parts
WHERE database = currentDatabase() AND table = 'return_window_groups' AND active AND toUInt64(partition_id) < {before:UInt64}
