-- Raw-scan equivalent of a trend (rejection rate per hour): every refund's latest decision
-- from refund_events, bucketed by the decision's hour.
SELECT toStartOfHour(decision_at) AS bucket, count() AS decided, countIf(decision = 'rejected') AS rejected
FROM
(
    SELECT
        refund_id,
        argMaxIf(status, (occurred_at, event_id), status IN ('auto_approved', 'approved', 'rejected', 'timeout_approved')) AS decision,
        maxIf(occurred_at, status IN ('auto_approved', 'approved', 'rejected', 'timeout_approved')) AS decision_at
    FROM refund_events
    GROUP BY refund_id
)
WHERE decision != '' AND decision_at >= {from:DateTime64(3, 'UTC')} AND decision_at < {to:DateTime64(3, 'UTC')}
GROUP BY bucket
ORDER BY bucket
