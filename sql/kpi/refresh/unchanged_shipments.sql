-- Touched shipments whose recomputed facts are unchanged (see unchanged_refunds.sql).
INSERT INTO kpi_touched (batch, entity, shop_id, id)
SELECT {batch:UInt64}, 'shipment_same', '', s.shipment_id
FROM kpi_shipment_stage AS s
INNER JOIN
(
    SELECT id, facts_hash FROM fact_keys FINAL
    WHERE entity = 'shipment' AND id IN (SELECT shipment_id FROM kpi_shipment_stage WHERE batch = {batch:UInt64})
) AS k ON k.id = s.shipment_id
WHERE s.batch = {batch:UInt64}
  AND k.facts_hash = cityHash64(s.order_id, s.shop_id, s.category, s.host_id, s.live_session_id, s.sku_id, s.direction, s.carrier,
                                s.dest_region_code, s.promised_at, s.created_at_scan, s.picked_up_at, s.delivered_at,
                                s.last_scan_at, s.last_status, s.facts)
