-- Who ran a live session (host, shop), from its transcript or, failing that, its orders.
SELECT host_id, shop_id FROM (
    SELECT toString(host_id) AS host_id, toString(shop_id) AS shop_id, 1 AS pref
    FROM transcript_segments WHERE live_session_id = {live_session_id:String} LIMIT 1
    UNION ALL
    SELECT toString(host_id), toString(shop_id), 2
    FROM orders WHERE live_session_id = {live_session_id:String} LIMIT 1
)
ORDER BY pref
LIMIT 1
