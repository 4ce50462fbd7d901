-- When a live session happened: its first and last transcript line and its first and last order
-- (NULL when it has none). The session page reads its own figures over this span, whatever the
-- dashboard's global time range (issue #17): a session's cohort is its orders, however old.
SELECT
    (SELECT minOrNull(occurred_at) FROM transcript_segments WHERE live_session_id = {live_session_id:String}) AS first_segment_at,
    (SELECT maxOrNull(occurred_at) FROM transcript_segments WHERE live_session_id = {live_session_id:String}) AS last_segment_at,
    (SELECT minOrNull(occurred_at) FROM orders WHERE live_session_id = {live_session_id:String}
       AND (empty({categories:Array(String)}) OR has({categories:Array(String)}, toString(category)))) AS first_order_at,
    (SELECT maxOrNull(occurred_at) FROM orders WHERE live_session_id = {live_session_id:String}
       AND (empty({categories:Array(String)}) OR has({categories:Array(String)}, toString(category)))) AS last_order_at
