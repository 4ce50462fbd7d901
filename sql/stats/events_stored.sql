-- Distinct events stored per raw table, and dead letters. FINAL so replays not yet merged
-- away are not counted twice.
SELECT 'orders' AS table, count() AS rows FROM orders FINAL
UNION ALL SELECT 'refund_events', count() FROM refund_events FINAL
UNION ALL SELECT 'transcript_segments', count() FROM transcript_segments FINAL
UNION ALL SELECT 'logistics_scans', count() FROM logistics_scans FINAL
UNION ALL SELECT 'dead_letters', count() FROM dead_letters FINAL
