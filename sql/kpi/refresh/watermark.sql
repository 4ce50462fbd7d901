-- The refresh watermark and the warehouse clock. The clock is the engine's, not this
-- process's, so the comparison with _ingested_at (set by the engine) is on one clock.
SELECT
    (SELECT max(watermark) FROM kpi_state FINAL WHERE name = {name:String}) AS watermark,
    (SELECT count() FROM kpi_state FINAL WHERE name = {name:String}) AS has_watermark,
    now64(3) AS now
