-- Raw-scan equivalent of kpi/logistics_regions.sql (outbound, no filters): every shipment's
-- state from logistics_scans, then due / delayed per destination region and the backlog now.
-- The backlog looks back to the start of the hour 30 days before now, from the moment each
-- threshold counts from, as the facts do
-- (sql/kpi/refresh/shipment_stage.sql): stalled from the last scan, pickup overdue from the
-- `created` scan. (This file used the first scan for both, so a parcel first scanned just over
-- 30 days ago and silent since a later scan was stalled for the API and not here.)
SELECT
    dest AS region,
    countIf(promised_at >= {from:DateTime64(3, 'UTC')} AND promised_at < {due_to:DateTime64(3, 'UTC')}) AS due,
    countIf(promised_at >= {from:DateTime64(3, 'UTC')} AND promised_at < {due_to:DateTime64(3, 'UTC')}
            AND (NOT delivered OR delivered_at > promised_at)) AS delayed,
    countIf(NOT delivered AND NOT returned AND last_scan >= toStartOfHour({now:DateTime64(3, 'UTC')} - INTERVAL 30 DAY)
            AND last_scan < {now:DateTime64(3, 'UTC')} - INTERVAL 48 HOUR) AS stalled,
    countIf(NOT delivered AND NOT returned AND has_created AND NOT picked AND created_at >= toStartOfHour({now:DateTime64(3, 'UTC')} - INTERVAL 30 DAY)
            AND created_at < {now:DateTime64(3, 'UTC')} - INTERVAL 24 HOUR) AS pickup_overdue
FROM
(
    SELECT
        shipment_id,
        toString(argMax(dest_region_code, (occurred_at, event_id))) AS dest,
        argMax(promised_at, (occurred_at, event_id)) AS promised_at,
        countIf(status = 'delivered') > 0 AS delivered,
        minIf(occurred_at, status = 'delivered') AS delivered_at,
        countIf(status = 'returned_to_sender') > 0 AS returned,
        countIf(status = 'created') > 0 AS has_created,
        minIf(occurred_at, status = 'created') AS created_at,
        countIf(status IN ('picked_up', 'in_transit', 'out_for_delivery', 'delivered')) > 0 AS picked,
        max(occurred_at) AS last_scan
    FROM logistics_scans
    WHERE direction = 'outbound'
    GROUP BY shipment_id
)
GROUP BY region
HAVING due > 0 OR stalled > 0 OR pickup_overdue > 0
ORDER BY if(due > 0, delayed / due, -1) DESC, region
