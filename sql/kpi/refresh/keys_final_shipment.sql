-- Step 3 for shipments: remembered keys = live keys.
INSERT INTO fact_keys (entity, id, keys, version)
SELECT 'shipment', shipment_id, arrayMap(f -> (f.kind, f.ts), facts), {version:UInt64} + 1
FROM kpi_shipment_stage
WHERE batch = {batch:UInt64}
