-- (hour, shop) pairs whose refund level rollup (refund_level_rollup, migration 0009) this run
-- rewrites: every hour a touched refund had a summary fact in before (the remembered superset,
-- written by keys_pending_refund.sql) or has now, with the refund's shop. The shop is part of a
-- refund's identity, so every rollup group its old or new facts count in carries that shop,
-- whatever else (host, session, category) changed. Recorded before the facts are rewritten; a
-- run that dies before the rollup step leaves these refunds with facts hash 0, so the next run
-- re-touches them and records the same pairs again.
INSERT INTO kpi_touched (batch, entity, shop_id, hour)
SELECT DISTINCT {batch:UInt64}, 'refund_shop_hour', s.shop_id, f.hour
FROM
(
    SELECT id, toStartOfHour(k.ts) AS hour
    FROM fact_keys FINAL
    ARRAY JOIN keys AS k
    WHERE entity = 'refund'
      AND id IN (SELECT refund_id FROM kpi_refund_stage WHERE batch = {batch:UInt64})
      AND id NOT IN (SELECT id FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'refund_same')
      AND k.kind IN ('request', 'decision', 'close', 'refunded', 'rating')
) AS f
INNER JOIN (SELECT refund_id, shop_id FROM kpi_refund_stage WHERE batch = {batch:UInt64}) AS s ON s.refund_id = f.id
