-- The national figures beside logistics_regions.sql: the same definitions over every region.
SELECT
    sum(is_due) AS due,
    sum(is_delayed) AS delayed,
    sum(is_stalled) AS stalled,
    sum(is_overdue) AS pickup_overdue
FROM
(
    SELECT 1 AS is_due, toUInt8(delivered_at IS NULL OR delivered_at > ts) AS is_delayed, 0 AS is_stalled, 0 AS is_overdue,
           shop_id, category, host_id, live_session_id
    FROM shipment_facts FINAL
    WHERE kind = 'due' AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {due_to:DateTime64(3, 'UTC')}
      AND direction = {direction:String}
    UNION ALL
    SELECT 0, 0,
           toUInt8(last_scan_at < {now:DateTime64(3, 'UTC')} - toIntervalSecond({stall_s:UInt32})),
           toUInt8(ifNull(picked_up_at IS NULL AND created_at < {now:DateTime64(3, 'UTC')} - toIntervalSecond({pickup_s:UInt32}), 0)),
           shop_id, category, host_id, live_session_id
    FROM shipment_facts FINAL
    WHERE kind = 'open' AND ts >= {now:DateTime64(3, 'UTC')} - toIntervalDay({backlog_days:UInt32})
      AND direction = {direction:String}
)
WHERE ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
  AND (empty({categories:Array(String)}) OR has({categories:Array(String)}, category))
  AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
  AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
