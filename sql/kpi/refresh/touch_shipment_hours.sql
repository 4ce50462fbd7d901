-- (kind, hour) pairs (kpi_touched id = kind) whose shipment_level_rollup rows this run
-- recomputes: every fact key a touched shipment had before (the remembered superset, written
-- by keys_pending_shipment.sql) or has now. Recorded before write_shipment_facts.sql changes
-- any fact, so a run that dies later is redone from the same keys by the next run. Whole
-- hours, not groups: a shipment whose order arrives late keeps its keys but changes
-- category / shop / host / session, and only the hour's full recompute sees the group it left.
--
-- The rows keys_pending_shipment.sql wrote in this run carry its version and hold exactly
-- those keys (old ∪ new) for exactly the shipments it rewrites, so they are read by version,
-- without FINAL: measured on the benchmark store, 20 ms against 500 ms through FINAL.
--
-- In the same scan, as entity 'shipment_minute' (the minute in the `hour` column): the (kind,
-- minute) pairs whose minute rows (migration 0014) this run rewrites, from {minutes_from} on
-- only (their written retention, kpi/level-split.ts). Minutes, not hours: a key names its minute
-- as exactly as its hour, and recomputing a touched minute reads that minute's facts and
-- stored rows only, not its hour's.
INSERT INTO kpi_touched (batch, entity, shop_id, id, hour)
SELECT DISTINCT {batch:UInt64}, grain.1, '', toString(k.kind), grain.2
FROM fact_keys
ARRAY JOIN keys AS k
ARRAY JOIN arrayFilter(g -> g.1 = 'shipment_hour' OR k.ts >= {minutes_from:DateTime64(3, 'UTC')},
                       [('shipment_hour', toStartOfHour(k.ts)), ('shipment_minute', toStartOfMinute(k.ts))]) AS grain
WHERE entity = 'shipment'
  AND id IN (SELECT shipment_id FROM kpi_shipment_stage WHERE batch = {batch:UInt64})
  AND version = {version:UInt64}
