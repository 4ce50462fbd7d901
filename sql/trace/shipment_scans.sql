-- Every carrier scan of the order's shipments, each event once (LIMIT 1 BY event_id), in time
-- order.
SELECT shipment_id, event_id, occurred_at, toString(carrier) AS carrier, toString(direction) AS direction,
       toString(status) AS status, toString(origin_region_code) AS origin_region_code,
       toString(dest_region_code) AS dest_region_code, promised_at, exception_code
FROM logistics_scans
WHERE shipment_id IN (SELECT shipment_id FROM shipment_order_index WHERE order_id = {order_id:String})
ORDER BY shipment_id, occurred_at, event_id
LIMIT 1 BY event_id
LIMIT 1000
