-- stage_bottleneck: the 90th percentile duration of each refund stage, over stages that ended
-- in the last {recent_hours} hours before {at} ("recent") and over the {baseline_days} days
-- before that ("baseline", so a spike does not dilute its own reference).
--
-- Read from the KPI's refund facts, the rows /v1/kpi/stages reads (sql/kpi/stages.sql): one
-- row per refund and stage, at the stage's end, with its duration in seconds (stage times are
-- the first time of each status, DESIGN §4):
--   stage_decision    requested → first decision (merchant, rule or timeout)
--   stage_ship_back   approval → buyer ships the return
--   stage_transit     buyer ships → warehouse receives
--   stage_money_back  warehouse receipt (approval when nothing is returned) → refunded
-- The same rows, half-open window and quantile (quantileExactInclusive), so the evidence's
-- recent figures are those of the drilldown (issue #21), with no look-back: a stage that started
-- weeks before it ended counts in both. "As of {at}": a stage that ended by {at} was known then.
SELECT
    replaceOne(toString(kind), 'stage_', '') AS stage,
    toUInt32(countIf(ts >= recent_from)) AS recent_n,
    quantileExactInclusiveIf(0.9)(value, ts >= recent_from) AS recent_p90_s,
    toUInt32(countIf(ts < recent_from)) AS baseline_n,
    quantileExactInclusiveIf(0.9)(value, ts < recent_from) AS baseline_p90_s
FROM refund_facts FINAL
-- [baseline_from, at): a stage ending exactly at {at} belongs to the next window, as in the KPI.
WHERE kind IN ('stage_decision', 'stage_ship_back', 'stage_transit', 'stage_money_back')
  AND ts >= {at:DateTime64(3, 'UTC')} - toIntervalHour({recent_hours:UInt32}) - toIntervalDay({baseline_days:UInt32})
  AND ts < {at:DateTime64(3, 'UTC')}
GROUP BY kind, {at:DateTime64(3, 'UTC')} - toIntervalHour({recent_hours:UInt32}) AS recent_from
ORDER BY stage
