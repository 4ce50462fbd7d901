-- Step 1 of the fact-replacement protocol (see write_refund_facts.sql): before any fact row of
-- a touched refund changes, its remembered key set grows to old ∪ new. If the run dies after
-- this, the next run still knows every key that may be live and tombstones it. The facts hash
-- is left 0 (unknown) until step 3: a refund half-written must not look unchanged.
INSERT INTO fact_keys (entity, id, keys, version)
SELECT
    'refund',
    s.refund_id,
    arrayDistinct(arrayConcat(
        old.keys,
        CAST(arrayMap(f -> (f.kind, f.ts), s.facts), 'Array(Tuple(kind LowCardinality(String), ts DateTime64(3, \'UTC\')))'))),
    {version:UInt64}
FROM kpi_refund_stage AS s
LEFT JOIN
(
    SELECT id, keys FROM fact_keys FINAL
    WHERE entity = 'refund' AND id IN (SELECT refund_id FROM kpi_refund_stage WHERE batch = {batch:UInt64})
) AS old ON old.id = s.refund_id
WHERE s.batch = {batch:UInt64} AND s.refund_id NOT IN (SELECT id FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'refund_same')
