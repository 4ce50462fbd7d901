-- (hour, shop) pairs whose refund level rollup (refund_level_rollup, migration 0009) this run
-- rewrites: every hour a touched refund had a summary fact in before (the remembered superset,
-- written by keys_pending_refund.sql) or has now, with the refund's shop. The shop is part of a
-- refund's identity, so every rollup group its old or new facts count in carries that shop,
-- whatever else (host, session, category) changed. Recorded before the facts are rewritten; a
-- run that dies before the rollup step leaves these refunds with facts hash 0, so the next run
-- re-touches them and records the same pairs again.
--
-- In the same scan, by minute as entity 'refund_shop_minute' (stored in the `hour` column, which
-- holds any DateTime): the (minute, shop) pairs whose minute rows (migration 0013) this run
-- rewrites, from {minutes_from} on (their write retention). By touched hour instead, level
-- 'all:minute' recomputed every minute of every touched hour: on the benchmark store 449k groups
-- in 3.4-8.9 s per tick against 61k groups in 1.6-1.9 s.
INSERT INTO kpi_touched (batch, entity, shop_id, hour)
SELECT DISTINCT {batch:UInt64}, f.grain.1, s.shop_id, f.grain.2
FROM
(
    SELECT id, grain
    FROM fact_keys FINAL
    ARRAY JOIN keys AS k
    ARRAY JOIN arrayFilter(g -> g.1 = 'refund_shop_hour' OR k.ts >= {minutes_from:DateTime64(3, 'UTC')},
                           [('refund_shop_hour', toStartOfHour(k.ts)), ('refund_shop_minute', toStartOfMinute(k.ts))]) AS grain
    WHERE entity = 'refund'
      AND id IN (SELECT refund_id FROM kpi_refund_stage WHERE batch = {batch:UInt64})
      AND id NOT IN (SELECT id FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'refund_same')
      AND k.kind IN ('request', 'decision', 'close', 'refunded', 'rating')
) AS f
INNER JOIN (SELECT refund_id, shop_id FROM kpi_refund_stage WHERE batch = {batch:UInt64}) AS s ON s.refund_id = f.id
