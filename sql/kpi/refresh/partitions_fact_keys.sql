-- The partition days (toYYYYMMDD) of the fact rows this run writes for {entity}: the keys of
-- the pending key sets (old ∪ new, written by keys_pending_*.sql at this run's version), which
-- hold every tombstone and every new row of the touched entities. Read by version, without
-- FINAL, as touch_shipment_hours.sql does.
SELECT DISTINCT toYYYYMMDD(k.ts) AS day
FROM fact_keys
ARRAY JOIN keys AS k
WHERE entity = {entity:String}
  AND id IN (SELECT id FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = {entity:String})
  AND version = {version:UInt64}
ORDER BY day
