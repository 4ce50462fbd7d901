-- Refund-flow KPIs of one window [from, to) (DESIGN §4), each counted at its own moment:
--   requests (not cancelled) at requested_at — automation / timeout share = auto / timeout ÷ requests
--   decisions at the latest decision        — rejection rate = rejected ÷ decided
--   closures at the closing state           — success rate = refunded ÷ closed (refunded + rejected + cancelled)
--   completions at refunded_at              — processing time requested → refunded (mean, p50, p90, seconds)
--   ratings at rated_at                     — CSAT mean and share of 4–5
-- Percentiles interpolate linearly (p50 of 10 s and 20 s is 15 s).
-- One scan answers the window and the one before it: rows of [prev_from, from) come back as
-- is_current = 0 (pass prev_from = from for the window alone).
SELECT
    ts >= {from:DateTime64(3, 'UTC')} AS is_current,
    countIf(kind = 'request' AND is_cancelled = 0) AS requests,
    countIf(kind = 'request' AND is_cancelled = 0 AND outcome = 'auto_approved') AS auto_approved,
    countIf(kind = 'request' AND is_cancelled = 0 AND outcome = 'timeout_approved') AS timeout_approved,
    countIf(kind = 'request' AND is_cancelled = 1) AS cancelled_requests,
    countIf(kind = 'decision') AS decided,
    countIf(kind = 'decision' AND outcome = 'rejected') AS rejected,
    countIf(kind = 'close') AS closed,
    countIf(kind = 'close' AND outcome = 'refunded') AS closed_refunded,
    countIf(kind = 'close' AND outcome = 'rejected') AS closed_rejected,
    countIf(kind = 'close' AND outcome = 'cancelled') AS closed_cancelled,
    countIf(kind = 'refunded') AS refunded,
    countIf(kind = 'refunded' AND value IS NOT NULL) AS timed,
    avgIf(value, kind = 'refunded') AS processing_mean_s,
    quantilesExactInclusiveIf(0.5, 0.9)(value, kind = 'refunded') AS processing_q_s,
    countIf(kind = 'rating') AS ratings,
    avgIf(value, kind = 'rating') AS csat_mean,
    countIf(kind = 'rating' AND value >= 4) AS csat_4_5
FROM refund_facts FINAL
WHERE kind IN ('request', 'decision', 'close', 'refunded', 'rating')
  AND ts >= {prev_from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
  AND ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
  AND (empty({categories:Array(String)}) OR has({categories:Array(String)}, category))
  AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
  AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
GROUP BY is_current
