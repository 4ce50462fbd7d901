-- Minute rows in the refund level rollup (migration 0009), so the refund summary
-- (sql/kpi/refund_summary_levels.sql) reads the partial hours at its windows' ends from the
-- rollup instead of the facts (kpi/level-split.ts splitRange). They are more levels of the same
-- table: level '<level>:minute' (kpi/level-split.ts minuteLevel), bucket = the minute, otherwise
-- the hour rows' grouping and columns. Same table, so no rebuild and the read stays one scan
-- of the rollup; the ORDER BY (level, key, bucket, …) keeps them apart from the hour rows.
--
-- Only recent hours have minute rows: the refresh writes them for touched hours from
-- MINUTE_ROWS_WRITTEN_DAYS (4) days before its run, reads use them from MINUTE_ROWS_READ_DAYS (3)
-- days before theirs, and older ones are dropped after 7 days by the TTL below (never a row a
-- read may use). materialize_ttl_after_modify = 0: no part older than this migration holds a
-- minute row, so rewriting every part of the table to apply the TTL would buy nothing; parts
-- written or merged from now on carry it.
ALTER TABLE refund_level_rollup
    MODIFY TTL bucket + INTERVAL 7 DAY DELETE WHERE endsWith(level, ':minute')
SETTINGS materialize_ttl_after_modify = 0;

-- Backfill the minute rows of the hours from toStartOfHour(now()) - 4 days on, from the
-- facts already stored, with the grouping of the refresh (sql/kpi/refresh/refund_level_rollup.sql
-- with minutes = 1). Version 1, as 0009's backfill: below every version the job writes.
INSERT INTO refund_level_rollup
(
    bucket, level, key, shop_id, host_id, live_session_id, category, kind, outcome, cancelled,
    n, n_values, value_sum, n_4_5, refunded_values, version, is_deleted
)
SELECT
    toStartOfMinute(ts) AS bucket, concat(lv.1, ':minute') AS level, lv.2 AS key, lv.3 AS shop, lv.4 AS host, lv.5 AS session,
    toString(category) AS cat, toString(kind) AS k, toString(outcome) AS o, if(kind = 'request', is_cancelled, 0) AS c,
    count(), count(value), coalesce(sum(value), 0), countIf(value >= 4), arraySort(groupArrayIf(value, kind = 'refunded')), 1, 0
FROM refund_facts FINAL
ARRAY JOIN arrayFilter(x -> x.2 != '' OR x.1 = 'all', [
    ('all', '', '', '', ''),
    ('shop', toString(shop_id), toString(shop_id), '', ''),
    ('host', toString(host_id), toString(shop_id), toString(host_id), ''),
    ('session', live_session_id, toString(shop_id), toString(host_id), live_session_id)
]) AS lv
WHERE kind IN ('request', 'decision', 'close', 'refunded', 'rating')
  AND ts >= toStartOfHour(now('UTC')) - INTERVAL 4 DAY
GROUP BY bucket, level, key, shop, host, session, cat, k, o, c
ORDER BY level, key, bucket, cat, shop, host, session, k, o, c;
