-- Raw-scan equivalent of the overview's refund tiles (kpi/refund_summary.sql), for the
-- benchmark's comparison and as an independent cross-check: every refund's state straight from
-- refund_events (all of them, no facts, no rollups), then the same definitions.
SELECT
    countIf(requested_at >= {from:DateTime64(3, 'UTC')} AND requested_at < {to:DateTime64(3, 'UTC')} AND has_requested AND state != 'cancelled') AS requests,
    countIf(requested_at >= {from:DateTime64(3, 'UTC')} AND requested_at < {to:DateTime64(3, 'UTC')} AND has_requested AND state != 'cancelled' AND decision = 'auto_approved') AS auto_approved,
    countIf(decision != '' AND decision_at >= {from:DateTime64(3, 'UTC')} AND decision_at < {to:DateTime64(3, 'UTC')}) AS decided,
    countIf(decision = 'rejected' AND decision_at >= {from:DateTime64(3, 'UTC')} AND decision_at < {to:DateTime64(3, 'UTC')}) AS rejected,
    countIf(state IN ('refunded', 'rejected', 'cancelled') AND state_at >= {from:DateTime64(3, 'UTC')} AND state_at < {to:DateTime64(3, 'UTC')}) AS closed,
    countIf(state = 'refunded' AND state_at >= {from:DateTime64(3, 'UTC')} AND state_at < {to:DateTime64(3, 'UTC')}) AS closed_refunded,
    countIf(has_refunded AND refunded_at >= {from:DateTime64(3, 'UTC')} AND refunded_at < {to:DateTime64(3, 'UTC')}) AS refunded,
    quantilesExactInclusiveIf(0.5, 0.9)(dateDiff('millisecond', requested_at, refunded_at) / 1000,
        has_refunded AND has_requested AND refunded_at >= requested_at
        AND refunded_at >= {from:DateTime64(3, 'UTC')} AND refunded_at < {to:DateTime64(3, 'UTC')}) AS processing_q_s,
    countIf(has_rating AND rated_at >= {from:DateTime64(3, 'UTC')} AND rated_at < {to:DateTime64(3, 'UTC')}) AS ratings,
    avgIf(csat, has_rating AND rated_at >= {from:DateTime64(3, 'UTC')} AND rated_at < {to:DateTime64(3, 'UTC')}) AS csat_mean
FROM
(
    SELECT
        refund_id,
        toString(argMaxIf(status, k, status != 'rated')) AS state,
        maxIf(occurred_at, status != 'rated') AS state_at,
        countIf(status = 'requested') > 0 AS has_requested,
        minIf(occurred_at, status = 'requested') AS requested_at,
        toString(argMaxIf(status, k, status IN ('auto_approved', 'approved', 'rejected', 'timeout_approved'))) AS decision,
        maxIf(occurred_at, status IN ('auto_approved', 'approved', 'rejected', 'timeout_approved')) AS decision_at,
        countIf(status = 'refunded') > 0 AS has_refunded,
        minIf(occurred_at, status = 'refunded') AS refunded_at,
        countIf(status = 'rated') > 0 AS has_rating,
        maxIf(occurred_at, status = 'rated') AS rated_at,
        argMaxIf(csat, k, status = 'rated') AS csat
    FROM
    (
        SELECT refund_id, status, occurred_at, csat,
               (occurred_at, indexOf(['requested', 'escalated', 'auto_approved', 'approved', 'rejected', 'timeout_approved',
                                      'buyer_shipped', 'merchant_received', 'cancelled', 'refunded', 'rated'], status), event_id) AS k
        FROM refund_events
    )
    GROUP BY refund_id
)
