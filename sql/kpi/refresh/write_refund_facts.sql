-- Step 2: tombstones (version v) for remembered keys of the touched refunds that are not among
-- their new keys, and the new fact rows (version v + 1), which replace rows with the same key.
-- The net effect is "replace the refund's rows": moved or vanished keys end up deleted.
-- Step 3 (keys_final_refund.sql) then shrinks the remembered set to the new keys.
INSERT INTO refund_facts
(
    kind, ts, refund_id, order_id, shop_id, category, host_id, live_session_id, sku_id, reason_code, type,
    outcome, value, is_cancelled, is_quality, version, is_deleted
)
-- Sorted by the table's key, so a large write makes parts with disjoint key ranges and
-- FINAL on the reading side has nothing to merge across them.
SELECT * FROM
(
    SELECT k.kind AS kind, k.ts AS ts, id AS refund_id, '' AS order_id, '' AS shop_id, '' AS category, '' AS host_id,
           '' AS live_session_id, '' AS sku_id, '' AS reason_code, '' AS type, '' AS outcome, NULL AS value,
           0 AS is_cancelled, 0 AS is_quality, {version:UInt64} AS version, 1 AS is_deleted
    FROM
    (
        -- Only keys that vanish need a tombstone; a key that stays is replaced by its new row.
        SELECT r.id AS id, arrayFilter(x -> NOT has(s.new_keys, x), r.keys) AS gone
        FROM
        (
            SELECT id, keys FROM fact_keys FINAL
            WHERE entity = 'refund' AND id IN (SELECT refund_id FROM kpi_refund_stage WHERE batch = {batch:UInt64})
              AND id NOT IN (SELECT id FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'refund_same')
        ) AS r
        LEFT JOIN
        (
            SELECT refund_id,
                   CAST(arrayMap(f -> (f.kind, f.ts), facts), 'Array(Tuple(kind LowCardinality(String), ts DateTime64(3, \'UTC\')))') AS new_keys
            FROM kpi_refund_stage WHERE batch = {batch:UInt64}
        ) AS s ON s.refund_id = r.id
    )
    ARRAY JOIN gone AS k
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
    WHERE batch = {batch:UInt64} AND refund_id NOT IN (SELECT id FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'refund_same')
)
-- Only the rows of the partition days [part_lo, part_hi) (kpi/partition-chunks.ts: a run that
-- touches more partitions than one insert may hold runs this once per range).
WHERE toYYYYMMDD(ts) >= {part_lo:UInt32} AND toYYYYMMDD(ts) < {part_hi:UInt32}
ORDER BY kind, ts, refund_id
