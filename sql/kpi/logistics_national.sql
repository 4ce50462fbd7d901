-- The national figures beside logistics_regions.sql, same definitions over every region. One
-- scan also answers the window before: shipments due in [prev_from, from) come back as
-- is_current = 0 (prev_from = from: the window alone). Backlog figures describe now and are
-- always is_current = 1.
SELECT
    is_current,
    sum(is_due) AS due,
    sum(is_delayed) AS delayed,
    sum(is_stalled) AS stalled,
    sum(is_overdue) AS pickup_overdue
FROM
(
    SELECT ts >= {from:DateTime64(3, 'UTC')} AS is_current, 1 AS is_due,
           toUInt8(delivered_at IS NULL OR delivered_at > ts) AS is_delayed, 0 AS is_stalled, 0 AS is_overdue,
           shop_id, category, host_id, live_session_id, sku_id
    FROM shipment_facts FINAL
    WHERE kind = 'due' AND ts >= {prev_from:DateTime64(3, 'UTC')} AND ts < {due_to:DateTime64(3, 'UTC')}
      AND direction = {direction:String}
    UNION ALL
    -- `open` rows are filed under their last scan: stalled = silent for {stall_s} s.
    SELECT 1, 0, 0, 1, 0, shop_id, category, host_id, live_session_id, sku_id
    FROM shipment_facts FINAL
    WHERE kind = 'open'
      AND ts >= toStartOfHour({now:DateTime64(3, 'UTC')} - toIntervalDay({backlog_days:UInt32}))
      AND ts < {now:DateTime64(3, 'UTC')} - toIntervalSecond({stall_s:UInt32})
      AND direction = {direction:String}
    UNION ALL
    -- `awaiting_pickup` rows are filed under their creation: overdue = not picked up {pickup_s} s later.
    SELECT 1, 0, 0, 0, 1, shop_id, category, host_id, live_session_id, sku_id
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
GROUP BY is_current
