-- Step 1 of the fact-replacement protocol for shipments (see keys_pending_refund.sql).
INSERT INTO fact_keys (entity, id, keys, version)
SELECT
    'shipment',
    s.shipment_id,
    arrayDistinct(arrayConcat(
        old.keys,
        CAST(arrayMap(f -> (f.kind, f.ts), s.facts), 'Array(Tuple(kind LowCardinality(String), ts DateTime64(3, \'UTC\')))'))),
    {version:UInt64}
FROM kpi_shipment_stage AS s
LEFT JOIN
(
    SELECT id, keys FROM fact_keys FINAL
    WHERE entity = 'shipment' AND id IN (SELECT shipment_id FROM kpi_shipment_stage WHERE batch = {batch:UInt64})
) AS old ON old.id = s.shipment_id
WHERE s.batch = {batch:UInt64} AND s.shipment_id NOT IN (SELECT id FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'shipment_same')
