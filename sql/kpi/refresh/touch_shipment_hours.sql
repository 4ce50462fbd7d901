-- (kind, hour) pairs whose shipment_level_rollup rows this run recomputes: every fact key a
-- touched shipment had before (the remembered superset, written by keys_pending_shipment.sql)
-- or has now. Recorded before write_shipment_facts.sql changes any fact, so a run that dies
-- later is redone from the same keys by the next run. Whole hours, not groups: a shipment
-- whose order arrives late keeps its keys but changes category / shop / host / session, and
-- only the hour's full recompute sees the group it left.
INSERT INTO kpi_touched (batch, entity, shop_id, id, hour)
SELECT DISTINCT {batch:UInt64}, 'shipment_hour', '', toString(k.kind), toStartOfHour(k.ts)
FROM fact_keys FINAL
ARRAY JOIN keys AS k
WHERE entity = 'shipment'
  AND id IN (SELECT shipment_id FROM kpi_shipment_stage WHERE batch = {batch:UInt64})
  AND id NOT IN (SELECT id FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'shipment_same')
