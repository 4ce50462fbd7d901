-- Raw-scan equivalent of the order trace's lookups: the order, its refund steps and its scans,
-- found by scanning the raw tables for the order id (none of them is sorted by it).
SELECT
    (SELECT count() FROM orders WHERE order_id = {order_id:String}) AS orders,
    (SELECT count(DISTINCT event_id) FROM refund_events WHERE order_id = {order_id:String}) AS refund_steps,
    (SELECT count(DISTINCT event_id) FROM logistics_scans WHERE order_id = {order_id:String}) AS scans
