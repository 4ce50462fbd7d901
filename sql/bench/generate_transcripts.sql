-- Host speech for every live session of the benchmark orders: one ASR segment a minute for
-- three hours, about the session's SKUs, some of them after-sales promises.
INSERT INTO transcript_segments
(
    event_id, occurred_at, schema_version, live_session_id, host_id, shop_id, speaker, text, sku_id, offset_ms
)
SELECT
    concat('bt-', live_session_id, '-', toString(m)),
    session_start + toIntervalMinute(m),
    1, live_session_id, s_host, s_shop,
    if(cityHash64(live_session_id, m) % 10 = 0, 'assistant', 'host'),
    ['家人们看这款，面料很舒服', '支持七天无理由退货，放心拍', '正品保证，假一赔十', '今天下单明天就发货',
     '这个尺码偏大，建议拍小一码', '库存不多了，喜欢的赶紧', '质量问题我们包退包换', '这款不支持七天无理由，介意勿拍'][cityHash64(live_session_id, m, 1) % 8 + 1],
    concat('SKU', toString(shop_num + 500 * ((day * 7 + cityHash64(live_session_id, m, 2) % 20) % 100))),
    m * 60000
FROM
(
    SELECT live_session_id, toString(any(host_id)) AS s_host, toString(any(shop_id)) AS s_shop,
           min(occurred_at - toIntervalMillisecond(live_offset_ms)) AS session_start,
           toUInt32(extract(live_session_id, 'L(\\d+)-')) AS day,
           toUInt32(substring(s_shop, 2)) AS shop_num
    FROM orders
    GROUP BY live_session_id
)
ARRAY JOIN range(180) AS m
