-- The order (its latest event), by primary key of order_lookup. Replayed rows are identical
-- and any version is the latest by occurred_at first, so no FINAL is needed for one key.
-- product_title: the SKU's latest title (migration 0021), '' when its orders carried none.
SELECT order_id, occurred_at, event_id, toString(shop_id) AS shop_id, user_id, sku_id, toString(category) AS category,
       live_session_id, toString(host_id) AS host_id, quantity, toString(amount) AS amount,
       toString(region_code) AS region_code, toString(refund_policy) AS refund_policy, live_offset_ms,
       ifNull((SELECT argMax(title, seen_at) FROM sku_titles
               WHERE sku_id IN (SELECT sku_id FROM order_lookup WHERE order_id = {order_id:String})), '') AS product_title
FROM order_lookup
WHERE order_id = {order_id:String}
ORDER BY occurred_at DESC, event_id DESC
LIMIT 1
