-- stage_bottleneck: the 90th percentile duration of each refund stage, over stages that ended
-- in the last {recent_hours} hours before {at} ("recent") and over the {baseline_days} days
-- before that ("baseline", so a spike does not dilute its own reference). A stage runs from
-- the first event of its start status to the first event of its end status (DESIGN §4; the
-- same stages and ids as the KPI in sql/kpi/stages.sql):
--   decision    requested → approved | auto_approved | timeout_approved | rejected
--   ship_back   approval  → buyer_shipped
--   transit     buyer_shipped → merchant_received
--   money_back  merchant_received (approval when nothing is returned) → refunded
-- The p90 is the KPI's (quantileExactInclusive, as sql/kpi/stages.sql) over the same
-- half-open window, so the evidence's recent figures equal /v1/kpi/stages of the drilldown
-- (issue #21). Look-back: events of the {baseline_days} + 30 days before {at} are read, so a
-- stage whose START lies further back (a request answered after 37+ days) is missing here and
-- counted by the KPI; accepted, such a stage is far outside any p90 that matters.
WITH
    r AS
    (
        SELECT
            refund_id,
            minIfOrNull(occurred_at, status = 'requested') AS t_requested,
            minIfOrNull(occurred_at, status IN ('approved', 'auto_approved', 'timeout_approved', 'rejected')) AS t_decided,
            minIfOrNull(occurred_at, status IN ('approved', 'auto_approved', 'timeout_approved')) AS t_approved,
            minIfOrNull(occurred_at, status = 'buyer_shipped') AS t_shipped,
            minIfOrNull(occurred_at, status = 'merchant_received') AS t_received,
            minIfOrNull(occurred_at, status = 'refunded') AS t_refunded
        FROM refund_events
        WHERE occurred_at <= {at:DateTime64(3, 'UTC')}
          AND occurred_at >= {at:DateTime64(3, 'UTC')} - INTERVAL ({baseline_days:UInt32} + 30) DAY
        GROUP BY refund_id
    ),
    stages AS
    (
        SELECT 'decision' AS stage, t_decided AS ended_at, dateDiff('second', t_requested, t_decided) AS seconds
        FROM r WHERE t_requested IS NOT NULL AND t_decided IS NOT NULL AND t_decided >= t_requested
        UNION ALL
        SELECT 'ship_back', t_shipped, dateDiff('second', t_approved, t_shipped)
        FROM r WHERE t_approved IS NOT NULL AND t_shipped IS NOT NULL AND t_shipped >= t_approved
        UNION ALL
        SELECT 'transit', t_received, dateDiff('second', t_shipped, t_received)
        FROM r WHERE t_shipped IS NOT NULL AND t_received IS NOT NULL AND t_received >= t_shipped
        UNION ALL
        SELECT 'money_back', t_refunded, dateDiff('second', coalesce(t_received, t_approved), t_refunded)
        FROM r WHERE coalesce(t_received, t_approved) IS NOT NULL AND t_refunded IS NOT NULL AND t_refunded >= coalesce(t_received, t_approved)
    ),
    bounds AS
    (
        SELECT
            {at:DateTime64(3, 'UTC')} - INTERVAL {recent_hours:UInt32} HOUR AS recent_from,
            {at:DateTime64(3, 'UTC')} - INTERVAL {recent_hours:UInt32} HOUR - INTERVAL {baseline_days:UInt32} DAY AS baseline_from
    )
SELECT
    stage,
    toUInt32(countIf(ended_at >= (SELECT recent_from FROM bounds))) AS recent_n,
    quantileExactInclusiveIf(0.9)(seconds, ended_at >= (SELECT recent_from FROM bounds)) AS recent_p90_s,
    toUInt32(countIf(ended_at < (SELECT recent_from FROM bounds) AND ended_at >= (SELECT baseline_from FROM bounds))) AS baseline_n,
    quantileExactInclusiveIf(0.9)(seconds, ended_at < (SELECT recent_from FROM bounds) AND ended_at >= (SELECT baseline_from FROM bounds)) AS baseline_p90_s
FROM stages
-- [baseline_from, at): a stage ending exactly at {at} belongs to the next window, as in the KPI.
WHERE ended_at >= (SELECT baseline_from FROM bounds) AND ended_at < {at:DateTime64(3, 'UTC')}
GROUP BY stage
ORDER BY stage
