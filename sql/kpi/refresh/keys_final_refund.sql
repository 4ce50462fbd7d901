-- Step 3: the touched refunds' remembered keys are now exactly their live fact keys.
INSERT INTO fact_keys (entity, id, keys, version)
SELECT 'refund', refund_id, arrayMap(f -> (f.kind, f.ts), facts), {version:UInt64} + 1
FROM kpi_refund_stage
WHERE batch = {batch:UInt64}
