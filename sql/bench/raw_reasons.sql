-- Raw-scan equivalent of kpi/reasons.sql (by = none): reasons of refunds requested in the
-- window and not cancelled, from refund_events.
SELECT reason_code, count() AS n
FROM
(
    SELECT
        refund_id,
        toString(argMax(reason_code, k)) AS reason_code,
        toString(argMaxIf(status, k, status != 'rated')) AS state,
        countIf(status = 'requested') > 0 AS has_requested,
        minIf(occurred_at, status = 'requested') AS requested_at
    FROM
    (
        SELECT refund_id, status, reason_code, occurred_at,
               (occurred_at, indexOf(['requested', 'escalated', 'auto_approved', 'approved', 'rejected', 'timeout_approved',
                                      'buyer_shipped', 'merchant_received', 'cancelled', 'refunded', 'rated'], status), event_id) AS k
        FROM refund_events
    )
    GROUP BY refund_id
)
WHERE has_requested AND state != 'cancelled'
  AND requested_at >= {from:DateTime64(3, 'UTC')} AND requested_at < {to:DateTime64(3, 'UTC')}
GROUP BY reason_code
ORDER BY n DESC, reason_code
