-- Outbound shipments for one order in {every}, each a run of carrier scans: created 10 min–6 h
-- after the order, promised 72 h after creation; picked_up within 1–30 h (3 % never: pickup
-- overdue), in_transit, a hub scan halfway, out_for_delivery and delivered (2 % stall after the
-- first in_transit: no scan since). Scans after {end} have not happened yet.
INSERT INTO logistics_scans
(
    event_id, occurred_at, schema_version, shipment_id, order_id, carrier, direction, status, origin_region,
    dest_region, promised_at, exception_code
)
SELECT
    concat(shipment_id, '-', scan.1, '-', toString(scan.2)),
    created + toIntervalMillisecond(scan.2),
    1, shipment_id, order_id, carrier, 'outbound', scan.1, origin, dest,
    created + toIntervalHour(72), ''
FROM
(
    SELECT
        concat('BS', substring(order_id, 3)) AS shipment_id, order_id,
        ['SF', 'ZTO', 'YTO', 'JD', 'EMS'][cityHash64(order_id, 31) % 5 + 1] AS carrier,
        ['330000', '440000', '320000', '310000', '370000'][cityHash64(order_id, 32) % 5 + 1] AS origin,
        toString(region_code) AS dest,
        occurred_at + toIntervalMillisecond(600000 + cityHash64(order_id, 33) % 21000000) AS created,
        cityHash64(order_id, 34) % 100 AS u,
        3600000 + cityHash64(order_id, 35) % 104400000 AS pick_ms,
        pick_ms + 7200000 + cityHash64(order_id, 36) % 79200000 AS transit_ms,
        -- Some regions are slower, so regional delay rates differ.
        transit_ms + 43200000 + cityHash64(order_id, 37) % (if(dest IN ('510000', '530000', '230000'), 172800000, 108000000)) AS out_ms,
        out_ms + 3600000 + cityHash64(order_id, 38) % 10800000 AS deliver_ms,
        arrayFilter(s -> s.3 = 1, [
            ('created', 0, 1),
            ('picked_up', pick_ms, toUInt8(u >= 3)),
            ('in_transit', transit_ms, toUInt8(u >= 3)),
            ('in_transit', intDiv(transit_ms + out_ms, 2), toUInt8(u >= 5)),
            ('out_for_delivery', out_ms, toUInt8(u >= 5)),
            ('delivered', deliver_ms, toUInt8(u >= 5))
        ]) AS scans
    FROM orders
    WHERE cityHash64(order_id, 30) % {every:UInt32} = 0
)
ARRAY JOIN scans AS scan
WHERE created + toIntervalMillisecond(scan.2) <= {end:DateTime64(3, 'UTC')}
