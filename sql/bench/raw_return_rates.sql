-- Raw-scan equivalent of kpi/return_rates.sql (by = sku, sorted by return rate): the order
-- cohort from orders, each refund's state from refund_events, joined by order id.
WITH
    cohort AS
    (
        SELECT order_id, any(sku_id) AS sku_id, toString(any(category)) AS category
        FROM orders
        WHERE occurred_at >= {from:DateTime64(3, 'UTC')} AND occurred_at < {to:DateTime64(3, 'UTC')}
        GROUP BY order_id
    ),
    refunded AS
    (
        SELECT order_id, max(quality) AS quality
        FROM
        (
            SELECT order_id, refund_id,
                   argMaxIf(status, (occurred_at, event_id), status != 'rated') AS state,
                   has({quality_reasons:Array(String)}, toString(argMax(reason_code, (occurred_at, event_id)))) AS quality
            FROM refund_events
            WHERE order_id IN (SELECT order_id FROM cohort)
            GROUP BY order_id, refund_id
        )
        WHERE state != 'cancelled'
        GROUP BY order_id
    ),
    joined AS
    (
        SELECT c.sku_id AS sku_id, c.category AS category, r.order_id != '' AS is_refunded, r.quality AS quality
        FROM cohort AS c LEFT JOIN refunded AS r ON r.order_id = c.order_id
    ),
    base AS (SELECT category, countIf(is_refunded) / count() AS rate FROM joined GROUP BY category)
SELECT j.sku_id AS key, count() AS orders, countIf(j.is_refunded) AS refunded_orders,
       countIf(j.is_refunded AND j.quality = 1) AS quality_refunded_orders,
       refunded_orders / orders AS return_rate, any(b.rate) AS baseline_return_rate
FROM joined AS j LEFT JOIN base AS b ON b.category = j.category
GROUP BY j.sku_id
ORDER BY return_rate DESC, key
LIMIT 50
