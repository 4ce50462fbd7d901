-- Touched refunds whose recomputed facts hash to what fact_keys recorded when they were last
-- written in full (keys_final_refund.sql writes the same hash expression). Every later step of
-- the run skips them. keys_pending_refund.sql records hash 0, so a run that died midway never
-- leaves a refund looking unchanged.
INSERT INTO kpi_touched (batch, entity, shop_id, id)
SELECT {batch:UInt64}, 'refund_same', '', s.refund_id
FROM kpi_refund_stage AS s
INNER JOIN
(
    SELECT id, facts_hash FROM fact_keys FINAL
    WHERE entity = 'refund' AND id IN (SELECT refund_id FROM kpi_refund_stage WHERE batch = {batch:UInt64})
) AS k ON k.id = s.refund_id
WHERE s.batch = {batch:UInt64}
  AND k.facts_hash = cityHash64(s.shop_id, s.order_id, s.category, s.host_id, s.live_session_id, s.sku_id, s.reason_code, s.type,
                                s.is_cancelled, s.is_quality, s.o_shop_id, s.o_category, s.o_host_id, s.o_live_session_id, s.o_sku_id, s.facts)
