-- Shipments this run recomputes: a scan ingested in (lo, hi], or their order ingested then
-- (the shipment's facts carry the order's shop / category / host / session).
INSERT INTO kpi_touched (batch, entity, shop_id, id)
SELECT DISTINCT {batch:UInt64}, 'shipment', '', shipment_id
FROM
(
    SELECT shipment_id
    FROM logistics_scans
    WHERE _ingested_at > {lo:DateTime64(3, 'UTC')} AND _ingested_at <= {hi:DateTime64(3, 'UTC')}
    UNION ALL
    SELECT shipment_id
    FROM shipment_order_index
    WHERE order_id IN
    (
        SELECT order_id FROM orders
        WHERE _ingested_at > {lo:DateTime64(3, 'UTC')} AND _ingested_at <= {hi:DateTime64(3, 'UTC')}
    )
)
