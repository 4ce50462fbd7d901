-- Step 3 for shipments: remembered keys = live keys, with the hash of the facts just written
-- (the same expression as unchanged_shipments.sql).
INSERT INTO fact_keys (entity, id, keys, version, facts_hash)
SELECT
    'shipment', shipment_id, arrayMap(f -> (f.kind, f.ts), facts), {version:UInt64} + 1,
    cityHash64(order_id, shop_id, category, host_id, live_session_id, sku_id, direction, carrier,
               dest_region_code, promised_at, created_at_scan, picked_up_at, delivered_at,
               last_scan_at, last_status, facts)
FROM kpi_shipment_stage
WHERE batch = {batch:UInt64} AND shipment_id NOT IN (SELECT id FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'shipment_same')
