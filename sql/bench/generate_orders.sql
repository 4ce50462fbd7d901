-- Benchmark data, generated inside the engine (no row passes through JS): {n} orders spread
-- uniformly over the {days} days before {end}. 500 shops, 1,000 hosts (host h works for shop
-- h % 500); each host is live once a day in one of eight 3-hour slots (slot h % 8), and an
-- order belongs to a host live at its time, as in live commerce: 125 sessions at any moment.
-- 100 SKUs per shop of which a session sells 20, six categories. Deterministic: the same
-- parameters give the same rows.
INSERT INTO orders
(
    event_id, occurred_at, schema_version, order_id, user_id, shop_id, sku_id, category, live_session_id, host_id,
    quantity, amount, region, refund_policy, live_offset_ms
)
SELECT
    concat('bo-', toString(number)),
    start + toIntervalMillisecond(t_ms),
    1,
    concat('BO', toString(number)),
    concat('U', toString(cityHash64(number, 1) % 5000000)),
    concat('S', toString(host % 500)),
    concat('SKU', toString(sku)),
    ['服饰', '美妆', '食品', '数码', '家居', '生鲜'][sku % 6 + 1],
    concat('L', toString(day), '-', toString(host)),
    concat('H', toString(host)),
    1 + cityHash64(number, 3) % 3,
    round(9.9 + (cityHash64(number, 4) % 50000) / 100, 2),
    ['110000', '310000', '440000', '330000', '320000', '510000', '420000', '370000', '410000', '350000',
     '430000', '500000', '610000', '210000', '130000', '340000', '360000', '450000', '530000', '230000'][cityHash64(number, 5) % 20 + 1],
    ['7day_no_reason', '7day_no_reason', '7day_no_reason', 'quality_only', '15day_no_reason'][cityHash64(number, 6) % 5 + 1],
    t_ms % 10800000
FROM
(
    SELECT
        number,
        {end:DateTime64(3, 'UTC')} - toIntervalDay({days:UInt32}) AS start,
        cityHash64(number, 0) % ({days:UInt32} * 86400000) AS t_ms,
        intDiv(t_ms, 86400000) AS day,
        intDiv(t_ms % 86400000, 10800000) AS slot,
        slot + 8 * (cityHash64(number, 2) % 125) AS host,
        host % 500 + 500 * ((day * 7 + cityHash64(number, 8) % 20) % 100) AS sku
    FROM numbers({n:UInt64})
)
