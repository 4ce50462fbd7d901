-- As touch_refund_hours.sql, by minute: the (minute, shop) pairs whose minute rows in the refund
-- level rollup (migration 0013) this run rewrites, for the minutes from {from_hour} on (the
-- minute rows' write retention). Kept apart from the hours because level 'all:minute' is
-- rewritten for every touched minute: by touched hour it recomputed ~60 times the groups (on the
-- benchmark store a tick's minute rows were 4x its hour rows, 1.5 s against 0.9 s). Stored in
-- kpi_touched's `hour` column, which holds any DateTime.
INSERT INTO kpi_touched (batch, entity, shop_id, hour)
SELECT DISTINCT {batch:UInt64}, 'refund_shop_minute', s.shop_id, f.minute
FROM
(
    SELECT id, toStartOfMinute(k.ts) AS minute
    FROM fact_keys FINAL
    ARRAY JOIN keys AS k
    WHERE entity = 'refund'
      AND id IN (SELECT refund_id FROM kpi_refund_stage WHERE batch = {batch:UInt64})
      AND id NOT IN (SELECT id FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'refund_same')
      AND k.kind IN ('request', 'decision', 'close', 'refunded', 'rating')
      AND k.ts >= {from_hour:DateTime64(3, 'UTC')}
) AS f
INNER JOIN (SELECT refund_id, shop_id FROM kpi_refund_stage WHERE batch = {batch:UInt64}) AS s ON s.refund_id = f.id
