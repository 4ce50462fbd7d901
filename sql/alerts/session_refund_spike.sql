-- session_refund_spike: per live session with orders in the {days} days before {at},
-- its orders and how many have a refund that is not cancelled (as of {at}). The engine compares
-- recent sessions with the same host's other sessions in that period (alerts/rules/).
-- A refund counts as the return-rate KPI counts it (sql/kpi/refresh/refund_stage.sql): its
-- latest step by (occurred_at, lifecycle rank, event_id), `rated` left out, is not
-- `cancelled` — so a request and its cancellation in the same millisecond is cancelled.
WITH
    o AS
    (
        SELECT order_id, any(live_session_id) AS session_id, any(host_id) AS host_id, any(shop_id) AS shop_id,
               min(occurred_at) AS ordered_at
        FROM orders
        WHERE occurred_at >= {at:DateTime64(3, 'UTC')} - INTERVAL {days:UInt32} DAY
          AND occurred_at < {at:DateTime64(3, 'UTC')}
        GROUP BY order_id
    ),
    refunded AS
    (
        SELECT DISTINCT order_id
        FROM
        (
            SELECT order_id, refund_id,
                   argMaxIf(status,
                            tuple(occurred_at,
                                  indexOf(['requested', 'escalated', 'auto_approved', 'approved', 'rejected', 'timeout_approved',
                                           'buyer_shipped', 'merchant_received', 'cancelled', 'refunded', 'rated'], status),
                                  event_id),
                            status != 'rated') AS last_status
            FROM refund_events
            WHERE occurred_at >= {at:DateTime64(3, 'UTC')} - INTERVAL {days:UInt32} DAY
              AND occurred_at <= {at:DateTime64(3, 'UTC')}
            GROUP BY order_id, refund_id
        )
        WHERE last_status NOT IN ('cancelled', '')
    )
SELECT
    o.session_id AS live_session_id,
    any(o.host_id) AS host_id,
    any(o.shop_id) AS shop_id,
    min(o.ordered_at) AS first_order_at,
    toUInt32(count()) AS orders,
    toUInt32(countIf(r.order_id != '')) AS returns
FROM o
LEFT JOIN refunded AS r ON r.order_id = o.order_id
GROUP BY o.session_id
ORDER BY o.session_id
