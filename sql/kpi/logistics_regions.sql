-- Logistics delay per destination region (DESIGN §4), paginated and sorted:
--   due        shipments whose promised time falls in [from, due_to), due_to = min(to, now)
--   delayed    of those, delivered after the promise or not delivered (yet) at all
--   stalled    shipments open now with no scan for {stall_s} s (48 h by default)
--   pickup_overdue  shipments open now, created, and not picked up {pickup_s} s (24 h) later
-- Backlog figures describe now and look back to the start of the hour {backlog_days} days before
-- now (from the last scan, from the creation), so a parcel abandoned months ago does not count
-- forever; the whole hour lets the overview's level read take it from hour rows.
-- all_* add up every region before pagination: without {region} they are the national figures,
-- so the endpoint needs no second scan for them (a region dropped by HAVING counts nothing).
SELECT
    region,
    due,
    delayed,
    if(due > 0, delayed / due, NULL) AS delay_rate,
    stalled,
    pickup_overdue,
    count() OVER () AS total,
    sum(due) OVER () AS all_due,
    sum(delayed) OVER () AS all_delayed,
    sum(stalled) OVER () AS all_stalled,
    sum(pickup_overdue) OVER () AS all_pickup_overdue
FROM
(
    SELECT region, sum(is_due) AS due, sum(is_delayed) AS delayed, sum(is_stalled) AS stalled, sum(is_overdue) AS pickup_overdue
    FROM
    (
        SELECT toString(dest_region_code) AS region, 1 AS is_due,
               toUInt8(delivered_at IS NULL OR delivered_at > ts) AS is_delayed, 0 AS is_stalled, 0 AS is_overdue,
               shop_id, category, host_id, live_session_id, sku_id
        FROM shipment_facts FINAL
        WHERE kind = 'due' AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {due_to:DateTime64(3, 'UTC')}
          AND direction = {direction:String}
        UNION ALL
        -- Backlog rows are filed under the time each threshold counts from (shipment_stage.sql).
        SELECT toString(dest_region_code), 0, 0, 1, 0, shop_id, category, host_id, live_session_id, sku_id
        FROM shipment_facts FINAL
        WHERE kind = 'open'
          AND ts >= toStartOfHour({now:DateTime64(3, 'UTC')} - toIntervalDay({backlog_days:UInt32}))
          AND ts < {now:DateTime64(3, 'UTC')} - toIntervalSecond({stall_s:UInt32})
          AND direction = {direction:String}
        UNION ALL
        SELECT toString(dest_region_code), 0, 0, 0, 1, shop_id, category, host_id, live_session_id, sku_id
        FROM shipment_facts FINAL
        WHERE kind = 'awaiting_pickup'
          AND ts >= toStartOfHour({now:DateTime64(3, 'UTC')} - toIntervalDay({backlog_days:UInt32}))
          AND ts < {now:DateTime64(3, 'UTC')} - toIntervalSecond({pickup_s:UInt32})
          AND direction = {direction:String}
    )
    WHERE ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
      AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
      AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
      AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
      AND ({sku_id:Nullable(String)} IS NULL OR sku_id = {sku_id:Nullable(String)})
      AND ({region:Nullable(String)} IS NULL OR region = {region:Nullable(String)})
    GROUP BY region
    HAVING due > 0 OR stalled > 0 OR pickup_overdue > 0
)
ORDER BY
    multiIf({sort:String} = 'due', toFloat64(due),
            {sort:String} = 'delayed', toFloat64(delayed),
            {sort:String} = 'stalled', toFloat64(stalled),
            {sort:String} = 'pickup_overdue', toFloat64(pickup_overdue),
            {sort:String} = 'region', 0,
            ifNull(delay_rate, -1)) * if({desc:Bool}, -1, 1),
    if({sort:String} = 'region' AND {desc:Bool}, region, '') DESC,
    region
LIMIT {limit:UInt32} OFFSET {offset:UInt32}
