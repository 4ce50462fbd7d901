-- (kind, minute) pairs (kpi_touched id = kind, hour = the minute) whose minute rows of
-- shipment_level_rollup this run recomputes (shipment_level_rollup.sql): as
-- touch_shipment_hours.sql, every fact key a touched shipment had before or has now, and only
-- from {minutes_from} on (the written retention of minute rows, kpi/level-split.ts). Minutes,
-- not hours: a key names its minute as exactly as its hour, and recomputing a touched minute
-- reads that minute's facts and stored rows only, not its hour's.
INSERT INTO kpi_touched (batch, entity, shop_id, id, hour)
SELECT DISTINCT {batch:UInt64}, 'shipment_minute', '', toString(k.kind), toStartOfMinute(k.ts)
FROM fact_keys
ARRAY JOIN keys AS k
WHERE entity = 'shipment'
  AND id IN (SELECT shipment_id FROM kpi_shipment_stage WHERE batch = {batch:UInt64})
  AND version = {version:UInt64}
  AND k.ts >= {minutes_from:DateTime('UTC')}
