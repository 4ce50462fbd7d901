-- Step 2: tombstones (version v) for every remembered key of the touched refunds, and their new
-- fact rows (version v + 1). Where a new row has the same key as a tombstone the higher version
-- wins, so the net effect is "replace the refund's rows": moved or vanished keys stay deleted.
-- Step 3 (keys_final_refund.sql) then shrinks the remembered set to the new keys.
INSERT INTO refund_facts
(
    kind, ts, refund_id, order_id, shop_id, category, host_id, live_session_id, sku_id, reason_code, type,
    outcome, value, is_cancelled, is_quality, version, is_deleted
)
SELECT k.kind, k.ts, id, '', '', '', '', '', '', '', '', '', NULL, 0, 0, {version:UInt64}, 1
FROM fact_keys FINAL
ARRAY JOIN keys AS k
WHERE entity = 'refund' AND id IN (SELECT refund_id FROM kpi_refund_stage WHERE batch = {batch:UInt64})
UNION ALL
SELECT
    f.kind, f.ts, refund_id, order_id,
    -- The cohort row counts against the ORDER's groups (the denominator of the return rate).
    if(f.kind = 'cohort', o_shop_id, shop_id),
    if(f.kind = 'cohort', o_category, category),
    if(f.kind = 'cohort', o_host_id, host_id),
    if(f.kind = 'cohort', o_live_session_id, live_session_id),
    if(f.kind = 'cohort', o_sku_id, sku_id),
    reason_code, type, f.outcome, f.value, is_cancelled, is_quality, {version:UInt64} + 1, 0
FROM kpi_refund_stage
ARRAY JOIN facts AS f
WHERE batch = {batch:UInt64}
