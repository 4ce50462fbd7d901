-- Step 2 for shipments: tombstones (v) for remembered keys, new rows (v + 1); see
-- write_refund_facts.sql.
INSERT INTO shipment_facts
(
    kind, ts, shipment_id, order_id, shop_id, category, host_id, live_session_id, sku_id, direction, carrier,
    dest_region_code, promised_at, created_at, picked_up_at, delivered_at, last_scan_at, last_status, version, is_deleted
)
SELECT k.kind, k.ts, id, '', '', '', '', '', '', '', '', '', k.ts, NULL, NULL, NULL, k.ts, '', {version:UInt64}, 1
FROM fact_keys FINAL
ARRAY JOIN keys AS k
WHERE entity = 'shipment' AND id IN (SELECT shipment_id FROM kpi_shipment_stage WHERE batch = {batch:UInt64})
UNION ALL
SELECT
    f.kind, f.ts, shipment_id, order_id, shop_id, category, host_id, live_session_id, sku_id, direction, carrier,
    dest_region_code, promised_at, created_at_scan, picked_up_at, delivered_at, last_scan_at, last_status,
    {version:UInt64} + 1, 0
FROM kpi_shipment_stage
ARRAY JOIN facts AS f
WHERE batch = {batch:UInt64}
