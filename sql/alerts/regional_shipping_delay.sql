-- regional_shipping_delay: outbound shipments whose promised time fell in the {window_hours}
-- hours before {at}, per destination region (GB/T 2260 code), and how many were late: delivered
-- after the promise, or not delivered by {at}. Scans are grouped by shipment, latest scan wins
-- for the promise and destination; only scans known at {at} count.
WITH shipments AS
(
    SELECT
        shipment_id,
        argMax(dest_region_code, occurred_at) AS region_code,
        argMax(dest_region, occurred_at) AS region,
        argMax(promised_at, occurred_at) AS promised,
        minIfOrNull(occurred_at, status = 'delivered') AS delivered_at
    FROM logistics_scans
    WHERE direction = 'outbound'
      AND occurred_at <= {at:DateTime64(3, 'UTC')}
      AND occurred_at >= {at:DateTime64(3, 'UTC')} - INTERVAL {scan_lookback_days:UInt32} DAY
    GROUP BY shipment_id
)
SELECT
    region_code,
    any(region) AS region,
    toUInt32(count()) AS due,
    toUInt32(countIf(delivered_at IS NULL OR delivered_at > promised)) AS late
FROM shipments
WHERE promised >= {at:DateTime64(3, 'UTC')} - INTERVAL {window_hours:UInt32} HOUR
  AND promised < {at:DateTime64(3, 'UTC')}
  AND region_code != ''
GROUP BY region_code
ORDER BY region_code
