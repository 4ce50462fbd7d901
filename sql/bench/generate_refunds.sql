-- Refund lifecycles for the orders in the hash slice [{permille_from}, {permille_to})‰ of the stored orders, each step an event: requested, then
-- cancelled (5 %) or a decision (60 % auto_approved within a minute, 25 % approved and 10 %
-- rejected within 48 h, 5 % timeout_approved at 48 h); approved returns go buyer_shipped →
-- merchant_received → refunded, refunds without a return go straight to refunded; 30 % of
-- refunded are rated. Steps after {end} have not happened yet (open refunds). 1 % of steps are
-- sent twice with the same event_id (replays).
INSERT INTO refund_events
(
    event_id, occurred_at, schema_version, refund_id, order_id, sku_id, shop_id, category, host_id, live_session_id,
    type, reason_code, amount, status, actor, rule_id, reject_reason, csat
)
SELECT
    concat(refund_id, '-', step.1),
    t0 + toIntervalMillisecond(step.2),
    1, refund_id, order_id, sku_id, shop_id, category, host_id, live_session_id, type, reason, amount,
    step.1, step.3,
    if(step.1 = 'auto_approved', 'rule-standard-7d', ''),
    if(step.1 = 'rejected', 'outside the return window', ''),
    if(step.1 = 'rated', toNullable(toUInt8(1 + h % 5)), NULL)
FROM
(
    SELECT
        concat('BR', substring(order_id, 3)) AS refund_id, order_id, sku_id, shop_id, category, host_id, live_session_id, amount,
        cityHash64(order_id, 11) AS h,
        occurred_at + toIntervalMillisecond(3600000 + h % 432000000) AS t0,
        multiIf(h % 97 < 40, 'refund_only', h % 97 < 92, 'return_refund', 'exchange') AS type,
        ['changed_mind', 'dislike', 'size_fit', 'damaged', 'quality', 'not_as_described', 'wrong_item', 'not_received',
         'late_delivery', 'counterfeit', 'other'][cityHash64(order_id, 12) % 11 + 1] AS reason,
        cityHash64(order_id, 13) % 100 AS u,
        multiIf(u < 60, 'auto_approved', u < 85, 'approved', u < 95, 'rejected', 'timeout_approved') AS decision,
        multiIf(u < 60, 1000 + h % 59000, u < 95, 60000 + cityHash64(order_id, 14) % 172800000, 172800000) AS dec_ms,
        cityHash64(order_id, 15) % 100 < 5 AS cancelled,
        dec_ms + 3600000 + cityHash64(order_id, 16) % 259200000 AS ship_ms,
        ship_ms + 3600000 + cityHash64(order_id, 17) % 345600000 AS recv_ms,
        if(type = 'refund_only', dec_ms + 600000 + cityHash64(order_id, 18) % 86400000,
                                 recv_ms + 600000 + cityHash64(order_id, 18) % 172800000) AS refund_ms,
        refund_ms + 3600000 + cityHash64(order_id, 19) % 259200000 AS rate_ms,
        decision != 'rejected' AND NOT cancelled AS goes_on,
        arrayFilter(s -> s.4 = 1, [
            ('requested', 0, 'buyer', 1),
            ('cancelled', intDiv(dec_ms, 2), 'buyer', toUInt8(cancelled)),
            (decision, dec_ms, if(decision IN ('auto_approved', 'timeout_approved'), 'system', 'merchant'), toUInt8(NOT cancelled)),
            ('buyer_shipped', ship_ms, 'buyer', toUInt8(goes_on AND type != 'refund_only')),
            ('merchant_received', recv_ms, 'merchant', toUInt8(goes_on AND type != 'refund_only')),
            ('refunded', refund_ms, 'system', toUInt8(goes_on)),
            ('rated', rate_ms, 'buyer', toUInt8(goes_on AND cityHash64(order_id, 20) % 100 < 30))
        ]) AS steps
    FROM orders
    WHERE cityHash64(order_id, 10) % 1000 >= {permille_from:UInt32} AND cityHash64(order_id, 10) % 1000 < {permille_to:UInt32}
)
ARRAY JOIN steps AS step
ARRAY JOIN if(cityHash64(refund_id, step.1) % 100 = 0, [1, 2], [1]) AS copy
WHERE t0 + toIntervalMillisecond(step.2) <= {end:DateTime64(3, 'UTC')}
