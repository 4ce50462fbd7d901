-- Orders of the session per minute of the session, and the refunds requested for them
-- (not cancelled), limited to the caller's categories when scoped (empty array = any).
WITH refunded AS (
    SELECT DISTINCT order_id
    FROM refund_events FINAL
    WHERE live_session_id = {live_session_id:String} AND status = 'requested'
      AND refund_id NOT IN (SELECT refund_id FROM refund_events WHERE live_session_id = {live_session_id:String} AND status = 'cancelled')
)
SELECT intDiv(live_offset_ms, 60000) AS minute,
       count() AS orders,
       countIf(order_id IN refunded) AS refunded_orders,
       sum(amount) AS gmv
FROM orders FINAL
WHERE live_session_id = {live_session_id:String}
  AND (empty({categories:Array(String)}) OR has({categories:Array(String)}, toString(category)))
GROUP BY minute
ORDER BY minute
