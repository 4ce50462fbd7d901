-- Snapshot of the refund-flow KPIs over the trailing window [from, to), for the platform
-- (scope 'all') and per category. Definitions as in kpi/refund_summary.sql.
INSERT INTO kpi_snapshots (taken_at, scope, scope_value, metric, value, numerator, denominator)
SELECT {taken_at:DateTime('UTC')}, if(is_total = 1, 'all', 'category'), if(is_total = 1, '', category), m.1, m.2, m.3, m.4
FROM
(
    SELECT
        category,
        is_total,
        -- Parallel arrays (name, value, numerator, denominator): each array has one element type.
        ['refund_requests', 'automation_share', 'timeout_share', 'rejection_rate', 'success_rate',
         'processing_time_mean_s', 'processing_time_p50_s', 'processing_time_p90_s', 'csat_mean', 'csat_share_4_5'] AS names,
        [toFloat64(requests), if(requests > 0, auto_approved / requests, NULL), if(requests > 0, timeout_approved / requests, NULL),
         if(decided > 0, rejected / decided, NULL), if(closed > 0, closed_refunded / closed, NULL),
         processing_mean_s, if(refunded > 0, processing_q_s[1], NULL), if(refunded > 0, processing_q_s[2], NULL),
         csat_mean, if(ratings > 0, csat_4_5 / ratings, NULL)] AS vals,
        [NULL, auto_approved, timeout_approved, rejected, closed_refunded, NULL, NULL, NULL, NULL, csat_4_5] AS nums,
        [NULL, requests, requests, decided, closed, refunded, refunded, refunded, ratings, ratings] AS dens,
        arrayZip(names, vals, nums, dens) AS metrics
    FROM
    (
        SELECT
            -- The empty grouping set is the platform total; it exists even when no row matched, so an
            -- empty window is recorded as zero, not skipped. A row without a category is '(none)'.
            grouping(category) AS is_total,
            if(category = '', '(none)', toString(category)) AS category,
            countIf(kind = 'request' AND is_cancelled = 0) AS requests,
            countIf(kind = 'request' AND is_cancelled = 0 AND outcome = 'auto_approved') AS auto_approved,
            countIf(kind = 'request' AND is_cancelled = 0 AND outcome = 'timeout_approved') AS timeout_approved,
            countIf(kind = 'decision') AS decided,
            countIf(kind = 'decision' AND outcome = 'rejected') AS rejected,
            countIf(kind = 'close') AS closed,
            countIf(kind = 'close' AND outcome = 'refunded') AS closed_refunded,
            countIf(kind = 'refunded') AS refunded,
            if(refunded > 0, avgIf(value, kind = 'refunded'), NULL) AS processing_mean_s,
            quantilesExactInclusiveIf(0.5, 0.9)(value, kind = 'refunded') AS processing_q_s,
            countIf(kind = 'rating') AS ratings,
            if(ratings > 0, avgIf(value, kind = 'rating'), NULL) AS csat_mean,
            countIf(kind = 'rating' AND value >= 4) AS csat_4_5
        FROM refund_facts FINAL
        WHERE kind IN ('request', 'decision', 'close', 'refunded', 'rating')
          AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
        GROUP BY GROUPING SETS ((category), ())
    )
)
ARRAY JOIN metrics AS m
