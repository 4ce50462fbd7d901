-- The order (its latest event), by primary key of order_lookup.
SELECT order_id, occurred_at, event_id, toString(shop_id) AS shop_id, user_id, sku_id, toString(category) AS category,
       live_session_id, toString(host_id) AS host_id, quantity, toString(amount) AS amount,
       toString(region_code) AS region_code, toString(refund_policy) AS refund_policy, live_offset_ms
FROM order_lookup FINAL
WHERE order_id = {order_id:String}
LIMIT 1
