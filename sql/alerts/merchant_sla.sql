-- merchant_sla: per shop, refunds waiting for the merchant's decision as of {at}, and how many
-- of them have waited longer than the SLA — counted from the KPI's refund facts, as the decision
-- stage of /v1/kpi/stages counts them (sql/kpi/stage_waiting.sql), so the alert's evidence and
-- its drilldown agree (issue #21): a refund waits from the moment it entered the decision stage
-- (its request, or its escalation when reopened), whatever the arrival order of its steps, and
-- however long ago it was requested (no look-back).
--
-- "As of {at}", so a backtest judges what was waiting then: the refunds the facts still hold
-- open in the decision stage since a moment ≤ at; those whose first decision came after {at}
-- although they were requested by then (a stage_decision row ends at ts and lasted value
-- seconds); and those requested by then, never decided, and cancelled by the buyer after {at}
-- (requested within {cancel_lookback_days} days: the request rows are read by time). Live,
-- nothing is decided or cancelled after {at}, and the count is the KPI's exactly. Not seen in
-- a backtest: a reopened refund closed again after {at} (the facts keep the first decision).
WITH waits AS
(
    SELECT refund_id, shop_id, ts AS since
    FROM refund_facts FINAL
    WHERE kind = 'open' AND outcome = 'decision' AND ts <= {at:DateTime64(3, 'UTC')}
    UNION ALL
    SELECT refund_id, shop_id, ts - toIntervalMillisecond(toInt64(round(value * 1000))) AS since
    FROM refund_facts FINAL
    WHERE kind = 'stage_decision' AND ts > {at:DateTime64(3, 'UTC')} AND since <= {at:DateTime64(3, 'UTC')}
    UNION ALL
    SELECT refund_id, shop_id, ts AS since
    FROM refund_facts FINAL
    WHERE kind = 'request' AND outcome = ''
      AND ts <= {at:DateTime64(3, 'UTC')} AND ts >= {at:DateTime64(3, 'UTC')} - toIntervalDay({cancel_lookback_days:UInt32})
      AND refund_id IN
      (
          SELECT refund_id FROM refund_facts FINAL
          WHERE kind = 'close' AND outcome = 'cancelled' AND ts > {at:DateTime64(3, 'UTC')}
      )
)
SELECT
    toString(shop_id) AS shop_id,
    toUInt32(count()) AS waiting,
    toUInt32(countIf(since < {at:DateTime64(3, 'UTC')} - toIntervalHour({sla_hours:UInt32}))) AS overdue,
    min(since) AS oldest_requested_at,
    arraySort(groupArrayIf(20)(refund_id, since < {at:DateTime64(3, 'UTC')} - toIntervalHour({sla_hours:UInt32}))) AS sample_refund_ids
FROM waits
GROUP BY shop_id
ORDER BY shop_id
