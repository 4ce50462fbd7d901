-- Step 3: the touched refunds' remembered keys are now exactly their live fact keys, with the
-- hash of the facts just written (the same expression as unchanged_refunds.sql).
INSERT INTO fact_keys (entity, id, keys, version, facts_hash)
SELECT
    'refund', refund_id, arrayMap(f -> (f.kind, f.ts), facts), {version:UInt64} + 1,
    cityHash64(shop_id, order_id, category, host_id, live_session_id, sku_id, reason_code, type,
               is_cancelled, is_quality, o_shop_id, o_category, o_host_id, o_live_session_id, o_sku_id, facts)
FROM kpi_refund_stage
WHERE batch = {batch:UInt64} AND refund_id NOT IN (SELECT id FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'refund_same')
