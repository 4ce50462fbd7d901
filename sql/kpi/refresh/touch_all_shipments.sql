-- The first run recomputes every shipment (see touch_all_refunds.sql).
INSERT INTO kpi_touched (batch, entity, shop_id, id)
SELECT DISTINCT {batch:UInt64}, 'shipment', '', shipment_id
FROM logistics_scans
