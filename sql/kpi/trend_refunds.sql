-- Refund-flow KPIs per time bucket (minute / hour / day; days in {tz}), same definitions as
-- refund_summary.sql. bucket is the bucket's start as Unix seconds. {kinds} names the fact kinds
-- the charted metric needs (a trend of one metric reads one kind, not five).
SELECT
    multiIf({granularity:String} = 'minute', toUnixTimestamp(toStartOfMinute(ts)),
            {granularity:String} = 'hour', toUnixTimestamp(toStartOfHour(ts)),
            toUnixTimestamp(toStartOfDay(ts, {tz:String}))) AS bucket,
    countIf(kind = 'request' AND is_cancelled = 0) AS requests,
    countIf(kind = 'request' AND is_cancelled = 0 AND outcome = 'auto_approved') AS auto_approved,
    countIf(kind = 'request' AND is_cancelled = 0 AND outcome = 'timeout_approved') AS timeout_approved,
    countIf(kind = 'decision') AS decided,
    countIf(kind = 'decision' AND outcome = 'rejected') AS rejected,
    countIf(kind = 'close') AS closed,
    countIf(kind = 'close' AND outcome = 'refunded') AS closed_refunded,
    countIf(kind = 'refunded') AS refunded,
    avgIf(value, kind = 'refunded') AS processing_mean_s,
    quantilesExactInclusiveIf(0.5, 0.9)(value, kind = 'refunded') AS processing_q_s,
    countIf(kind = 'rating') AS ratings,
    avgIf(value, kind = 'rating') AS csat_mean,
    countIf(kind = 'rating' AND value >= 4) AS csat_4_5
FROM refund_facts FINAL
WHERE has({kinds:Array(String)}, kind)
  AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
  AND ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
  AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
  AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
  AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
  AND ({sku_id:Nullable(String)} IS NULL OR sku_id = {sku_id:Nullable(String)})
GROUP BY bucket
ORDER BY bucket
