-- The refresh watermark and the warehouse clock. The clock is the engine's, not this
-- process's, so the comparison with _ingested_at (set by the engine) is on one clock.
SELECT
    (SELECT max(watermark) FROM kpi_state FINAL WHERE name = {name:String}) AS watermark,
    (SELECT count() FROM kpi_state FINAL WHERE name = {name:String}) AS has_watermark,
    -- In UTC: the watermark column and every time parameter are UTC, and a server in another
    -- time zone would otherwise print its local time here.
    now64(3, 'UTC') AS now
