-- merchant_sla: per shop, refunds whose latest step (as of {at}) is still `requested`, i.e.
-- waiting for the merchant's decision, and how many of them have waited longer than the SLA.
-- Refunds are grouped by refund_id (latest step by occurred_at wins; replays count once).
WITH refunds AS
(
    SELECT
        refund_id,
        any(shop_id) AS shop_id,
        argMax(status, occurred_at) AS last_status,
        minIfOrNull(occurred_at, status = 'requested') AS requested_at
    FROM refund_events
    WHERE occurred_at <= {at:DateTime64(3, 'UTC')}
      AND occurred_at >= {at:DateTime64(3, 'UTC')} - INTERVAL {lookback_days:UInt32} DAY
    GROUP BY refund_id
)
SELECT
    shop_id,
    toUInt32(countIf(last_status = 'requested')) AS waiting,
    toUInt32(countIf(last_status = 'requested' AND requested_at < {at:DateTime64(3, 'UTC')} - INTERVAL {sla_hours:UInt32} HOUR)) AS overdue,
    minIf(requested_at, last_status = 'requested' AND requested_at IS NOT NULL) AS oldest_requested_at,
    arraySort(groupArrayIf(20)(refund_id, last_status = 'requested' AND requested_at < {at:DateTime64(3, 'UTC')} - INTERVAL {sla_hours:UInt32} HOUR)) AS sample_refund_ids
FROM refunds
WHERE requested_at IS NOT NULL
GROUP BY shop_id
ORDER BY shop_id
