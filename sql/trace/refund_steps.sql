-- Every refund step of the order, each event once (LIMIT 1 BY event_id: a replay is an
-- identical row), in time order. refund_order_index gives
-- the (shop_id, refund_id) pairs, so reading refund_events is a primary-key lookup.
SELECT refund_id, event_id, occurred_at, toString(status) AS status, toString(actor) AS actor,
       toString(type) AS type, toString(reason_code) AS reason_code, toString(amount) AS amount,
       rule_id, reject_reason, csat
FROM refund_events
WHERE (shop_id, refund_id) IN
    (SELECT shop_id, refund_id FROM refund_order_index WHERE order_id = {order_id:String})
ORDER BY refund_id, occurred_at,
         indexOf(['requested', 'escalated', 'auto_approved', 'approved', 'rejected', 'timeout_approved',
                  'buyer_shipped', 'merchant_received', 'cancelled', 'refunded', 'rated'], status),
         event_id
LIMIT 1 BY event_id
LIMIT 1000
