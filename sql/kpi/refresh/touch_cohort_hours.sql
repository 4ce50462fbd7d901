-- Order hours whose refund cohorts this run rewrites: every cohort hour a touched refund had
-- before (the remembered superset, written by keys_pending_refund.sql) or has now.
INSERT INTO kpi_touched (batch, entity, hour)
SELECT DISTINCT {batch:UInt64}, 'cohort_hour', toStartOfHour(k.ts)
FROM fact_keys FINAL
ARRAY JOIN keys AS k
WHERE entity = 'refund'
  AND id IN (SELECT refund_id FROM kpi_refund_stage WHERE batch = {batch:UInt64})
  AND id NOT IN (SELECT id FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'refund_same')
  AND k.kind = 'cohort'
