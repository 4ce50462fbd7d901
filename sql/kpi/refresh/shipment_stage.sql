-- The state of every touched shipment from all of its scans (idempotent aggregates only, as
-- in refund_stage.sql), with the order's attributes and the fact rows it should have:
--   due              at its promised time (every shipment)
--   open             at its LAST scan, while neither delivered nor returned to sender
--   awaiting_pickup  at its `created` scan, while open and not picked up
-- Filing the backlog rows under the time a threshold is measured from makes "stalled (no scan
-- for 48 h)" and "pickup overdue (24 h)" plain key ranges: ts < now − 48 h, ts < now − 24 h.
-- Any scan past `created` proves the parcel was picked up, even when the carrier never sent an
-- explicit picked_up scan. The latest promise wins (carriers re-promise after delays).
INSERT INTO kpi_shipment_stage
(
    batch, shipment_id, order_id, shop_id, category, host_id, live_session_id, sku_id, direction, carrier,
    dest_region_code, promised_at, created_at_scan, picked_up_at, delivered_at, last_scan_at, last_status, facts
)
SELECT
    {batch:UInt64},
    s.shipment_id, s.order_id, o.shop_id, o.category, o.host_id, o.live_session_id, o.sku_id,
    s.direction, s.carrier, s.dest_region_code, s.promised_at, s.created_at, s.picked_up_at, s.delivered_at,
    s.last_scan_at, s.last_status,
    arrayFilter(f -> isNotNull(f.2), [
        tuple('due', CAST(s.promised_at AS Nullable(DateTime64(3, 'UTC')))),
        tuple('open', if(s.delivered_at IS NULL AND s.returned_at IS NULL, s.last_scan_at, NULL)),
        tuple('awaiting_pickup', if(s.delivered_at IS NULL AND s.returned_at IS NULL AND s.picked_up_at IS NULL, s.created_at, NULL))
    ])
FROM
(
    SELECT
        shipment_id,
        argMax(order_id, k) AS order_id,
        toString(argMax(direction, k)) AS direction,
        toString(argMax(carrier, k)) AS carrier,
        toString(argMax(dest_region_code, k)) AS dest_region_code,
        argMax(promised_at, k) AS promised_at,
        toString(argMax(status, k)) AS last_status,
        max(occurred_at) AS last_scan_at,
        minIfOrNull(occurred_at, status = 'created') AS created_at,
        minIfOrNull(occurred_at, status IN ('picked_up', 'in_transit', 'out_for_delivery', 'delivered')) AS picked_up_at,
        minIfOrNull(occurred_at, status = 'delivered') AS delivered_at,
        minIfOrNull(occurred_at, status = 'returned_to_sender') AS returned_at
    FROM
    (
        -- dest_region_code is a MATERIALIZED column: it must be named to be read.
        SELECT shipment_id, order_id, direction, carrier, dest_region_code, promised_at, status, occurred_at,
               tuple(occurred_at,
                     indexOf(['created', 'picked_up', 'in_transit', 'exception', 'out_for_delivery', 'delivered',
                              'returned_to_sender'], status),
                     event_id) AS k
        FROM logistics_scans
        WHERE shipment_id IN (SELECT id FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'shipment')
    )
    GROUP BY shipment_id
) AS s
LEFT JOIN
(
    SELECT order_id, toString(shop_id) AS shop_id, toString(category) AS category, toString(host_id) AS host_id,
           live_session_id, sku_id
    FROM order_lookup FINAL
    WHERE order_id IN
    (
        SELECT order_id FROM logistics_scans
        WHERE shipment_id IN (SELECT id FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'shipment')
    )
) AS o ON o.order_id = s.order_id
