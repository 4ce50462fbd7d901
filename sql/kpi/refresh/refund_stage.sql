-- The complete state of every touched refund, recomputed from all of its raw steps, and the
-- fact rows it should have (see 0004_kpi_facts.sql for the kinds).
--
-- Why this is exact on messy streams: only idempotent aggregates are used. A replayed step is
-- an identical row, and min/max/argMax do not change when a row appears twice, so no FINAL is
-- needed. "Latest" is argMax by k = (occurred_at, lifecycle rank, event_id): arrival order
-- never matters, and two steps in the same millisecond resolve by lifecycle order, then id.
-- Stage times are the FIRST time each status occurred, so a repeated status cannot move them.
-- `rated` is ignored for the state: a rating annotates a closed refund, it does not reopen it.
INSERT INTO kpi_refund_stage
(
    batch, shop_id, refund_id, order_id, category, host_id, live_session_id, sku_id, reason_code, type,
    is_cancelled, is_quality, o_shop_id, o_category, o_host_id, o_live_session_id, o_sku_id, facts
)
SELECT
    {batch:UInt64},
    s.shop_id, s.refund_id, s.order_id, s.category, s.host_id, s.live_session_id, s.sku_id, s.reason_code, s.type,
    s.state = 'cancelled',
    has({quality_reasons:Array(String)}, s.reason_code),
    o.shop_id, o.category, o.host_id, o.live_session_id, o.sku_id,
    arrayFilter(f -> isNotNull(f.2), [
        tuple('request', s.requested_at, s.decision, CAST(NULL AS Nullable(Float64))),
        tuple('decision', s.decision_at, s.decision, NULL),
        tuple('close', if(s.state IN ('refunded', 'rejected', 'cancelled'), s.state_at, NULL), s.state, NULL),
        tuple('refunded', s.refunded_at, '',
              if(s.refunded_at >= s.requested_at, dateDiff('millisecond', s.requested_at, s.refunded_at) / 1000, NULL)),
        tuple('stage_decision', if(s.first_decision_at >= s.requested_at, s.first_decision_at, NULL), '',
              dateDiff('millisecond', s.requested_at, s.first_decision_at) / 1000),
        tuple('stage_ship_back', if(s.shipped_at >= s.approved_at, s.shipped_at, NULL), '',
              dateDiff('millisecond', s.approved_at, s.shipped_at) / 1000),
        tuple('stage_transit', if(s.received_at >= s.shipped_at, s.received_at, NULL), '',
              dateDiff('millisecond', s.shipped_at, s.received_at) / 1000),
        -- Money back starts at the warehouse receipt; a refund without a return starts at approval.
        tuple('stage_money_back', if(s.refunded_at >= s.money_from, s.refunded_at, NULL), '',
              dateDiff('millisecond', s.money_from, s.refunded_at) / 1000),
        tuple('rating', s.rated_at, '', toFloat64(s.csat)),
        tuple('open', if(s.state NOT IN ('', 'refunded', 'rejected', 'cancelled'), s.state_at, NULL),
              multiIf(s.state IN ('requested', 'escalated'), 'decision',
                      s.state = 'buyer_shipped', 'transit',
                      s.state = 'merchant_received', 'money_back',
                      s.type = 'refund_only', 'money_back',
                      'ship_back'),
              NULL),
        -- The return-rate cohort is the ORDER's date; an order not stored yet has no cohort
        -- row, and its arrival touches this refund again (touch_refunds.sql).
        tuple('cohort', if(o.order_id != '', o.occurred_at, NULL), '', NULL)
    ])
FROM
(
    SELECT
        shop_id,
        refund_id,
        argMax(order_id, k) AS order_id,
        argMax(sku_id, k) AS sku_id,
        toString(argMax(category, k)) AS category,
        toString(argMax(host_id, k)) AS host_id,
        argMax(live_session_id, k) AS live_session_id,
        toString(argMax(type, k)) AS type,
        toString(argMax(reason_code, k)) AS reason_code,
        toString(argMaxIf(status, k, status != 'rated')) AS state,
        maxIfOrNull(occurred_at, status != 'rated') AS state_at,
        minIfOrNull(occurred_at, status = 'requested') AS requested_at,
        minIfOrNull(occurred_at, status IN ('auto_approved', 'approved', 'rejected', 'timeout_approved')) AS first_decision_at,
        maxIfOrNull(occurred_at, status IN ('auto_approved', 'approved', 'rejected', 'timeout_approved')) AS decision_at,
        toString(argMaxIf(status, k, status IN ('auto_approved', 'approved', 'rejected', 'timeout_approved'))) AS decision,
        minIfOrNull(occurred_at, status IN ('auto_approved', 'approved', 'timeout_approved')) AS approved_at,
        minIfOrNull(occurred_at, status = 'buyer_shipped') AS shipped_at,
        minIfOrNull(occurred_at, status = 'merchant_received') AS received_at,
        minIfOrNull(occurred_at, status = 'refunded') AS refunded_at,
        if(type = 'refund_only', approved_at, received_at) AS money_from,
        maxIfOrNull(occurred_at, status = 'rated') AS rated_at,
        argMaxIf(csat, k, status = 'rated') AS csat
    FROM
    (
        SELECT
            shop_id, refund_id, order_id, sku_id, category, host_id, live_session_id, type, reason_code, status,
            occurred_at, csat,
            tuple(occurred_at,
                  indexOf(['requested', 'escalated', 'auto_approved', 'approved', 'rejected', 'timeout_approved',
                           'buyer_shipped', 'merchant_received', 'cancelled', 'refunded', 'rated'], status),
                  event_id) AS k
        FROM refund_events
        WHERE (shop_id, refund_id) IN
            (SELECT shop_id, id FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'refund')
    )
    GROUP BY shop_id, refund_id
) AS s
LEFT JOIN
(
    SELECT order_id, occurred_at, toString(shop_id) AS shop_id, toString(category) AS category,
           toString(host_id) AS host_id, live_session_id, sku_id
    FROM order_lookup FINAL
    WHERE order_id IN
    (
        SELECT order_id FROM refund_events
        WHERE (shop_id, refund_id) IN
            (SELECT shop_id, id FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'refund')
    )
) AS o ON o.order_id = s.order_id
