-- The shipments behind the backlog counts of logistics_regions.sql / logistics_national.sql,
-- one row each, sorted and paginated. Same rows, same definitions, so the total equals the count:
--   kind = 'open'             stalled: open now, last scan before now − {threshold_s} (48 h)
--   kind = 'awaiting_pickup'  pickup overdue: open, created before now − {threshold_s} (24 h), never picked up
-- ts is the time the wait counts from (the last scan, the creation); backlog rows before the
-- start of the hour {backlog_days} days before now are not counted, as in the counts.
-- total = rows before pagination.
SELECT
    shipment_id,
    order_id,
    toString(dest_region_code) AS region,
    toString(carrier) AS carrier,
    toString(direction) AS direction,
    toString(shop_id) AS shop_id,
    toString(category) AS category,
    toString(host_id) AS host_id,
    live_session_id,
    sku_id,
    toString(last_status) AS last_status,
    ts AS since,
    created_at,
    picked_up_at,
    last_scan_at,
    promised_at,
    count() OVER () AS total
FROM shipment_facts FINAL
WHERE kind = {kind:String}
  AND ts >= toStartOfHour({now:DateTime64(3, 'UTC')} - toIntervalDay({backlog_days:UInt32}))
  AND ts < {now:DateTime64(3, 'UTC')} - toIntervalSecond({threshold_s:UInt32})
  AND direction = {direction:String}
  AND ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
  AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
  AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
  AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
  AND ({sku_id:Nullable(String)} IS NULL OR sku_id = {sku_id:Nullable(String)})
  AND ({region:Nullable(String)} IS NULL OR dest_region_code = {region:Nullable(String)})
ORDER BY
    -- The longest wait is the oldest `since`: hours_waited descending = ts ascending.
    multiIf({sort:String} = 'hours_waited', -toFloat64(toUnixTimestamp64Milli(ts)),
            {sort:String} = 'promised_at', toFloat64(toUnixTimestamp64Milli(promised_at)),
            {sort:String} = 'last_scan_at', toFloat64(toUnixTimestamp64Milli(last_scan_at)),
            0) * if({desc:Bool}, -1, 1),
    if({desc:Bool}, multiIf({sort:String} = 'region', region, {sort:String} = 'carrier', carrier, {sort:String} = 'shipment_id', shipment_id, ''), '') DESC,
    if({desc:Bool}, '', multiIf({sort:String} = 'region', region, {sort:String} = 'carrier', carrier, {sort:String} = 'shipment_id', shipment_id, '')),
    shipment_id
LIMIT {limit:UInt32} OFFSET {offset:UInt32}
