-- Raw-scan equivalent of kpi/stages.sql: stage durations of every refund from refund_events.
SELECT
    countIf(d_end >= {from:DateTime64(3, 'UTC')} AND d_end < {to:DateTime64(3, 'UTC')} AND d_end >= requested_at AND has_requested AND has_decision) AS decision_n,
    quantilesExactInclusiveIf(0.5, 0.9)(dateDiff('millisecond', requested_at, d_end) / 1000,
        d_end >= {from:DateTime64(3, 'UTC')} AND d_end < {to:DateTime64(3, 'UTC')} AND d_end >= requested_at AND has_requested AND has_decision) AS decision_q,
    countIf(has_shipped AND has_received AND recv >= ship AND recv >= {from:DateTime64(3, 'UTC')} AND recv < {to:DateTime64(3, 'UTC')}) AS transit_n,
    quantilesExactInclusiveIf(0.5, 0.9)(dateDiff('millisecond', ship, recv) / 1000,
        has_shipped AND has_received AND recv >= ship AND recv >= {from:DateTime64(3, 'UTC')} AND recv < {to:DateTime64(3, 'UTC')}) AS transit_q
FROM
(
    SELECT
        refund_id,
        countIf(status = 'requested') > 0 AS has_requested,
        minIf(occurred_at, status = 'requested') AS requested_at,
        countIf(status IN ('auto_approved', 'approved', 'rejected', 'timeout_approved')) > 0 AS has_decision,
        minIf(occurred_at, status IN ('auto_approved', 'approved', 'rejected', 'timeout_approved')) AS d_end,
        countIf(status = 'buyer_shipped') > 0 AS has_shipped,
        minIf(occurred_at, status = 'buyer_shipped') AS ship,
        countIf(status = 'merchant_received') > 0 AS has_received,
        minIf(occurred_at, status = 'merchant_received') AS recv
    FROM refund_events
    GROUP BY refund_id
)
