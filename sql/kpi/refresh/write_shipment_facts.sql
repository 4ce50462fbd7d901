-- Step 2 for shipments: tombstones (v) for remembered keys that vanish, new rows (v + 1); see
-- write_refund_facts.sql.
INSERT INTO shipment_facts
(
    kind, ts, shipment_id, order_id, shop_id, category, host_id, live_session_id, sku_id, direction, carrier,
    dest_region_code, promised_at, created_at, picked_up_at, delivered_at, last_scan_at, last_status, version, is_deleted
)
-- Sorted by the table's key, so a large write makes parts with disjoint key ranges and
-- FINAL on the reading side has nothing to merge across them.
SELECT * FROM
(
    SELECT k.kind AS kind, k.ts AS ts, id AS shipment_id, '' AS order_id, '' AS shop_id, '' AS category, '' AS host_id,
           '' AS live_session_id, '' AS sku_id, '' AS direction, '' AS carrier, '' AS dest_region_code, k.ts AS promised_at,
           NULL AS created_at, NULL AS picked_up_at, NULL AS delivered_at, k.ts AS last_scan_at, '' AS last_status,
           {version:UInt64} AS version, 1 AS is_deleted
    FROM
    (
        -- Only keys that vanish need a tombstone; a key that stays is replaced by its new row.
        SELECT r.id AS id, arrayFilter(x -> NOT has(s.new_keys, x), r.keys) AS gone
        FROM
        (
            SELECT id, keys FROM fact_keys FINAL
            WHERE entity = 'shipment' AND id IN (SELECT shipment_id FROM kpi_shipment_stage WHERE batch = {batch:UInt64})
              AND id NOT IN (SELECT id FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'shipment_same')
        ) AS r
        LEFT JOIN
        (
            SELECT shipment_id,
                   CAST(arrayMap(f -> (f.kind, f.ts), facts), 'Array(Tuple(kind LowCardinality(String), ts DateTime64(3, \'UTC\')))') AS new_keys
            FROM kpi_shipment_stage WHERE batch = {batch:UInt64}
        ) AS s ON s.shipment_id = r.id
    )
    ARRAY JOIN gone AS k
    UNION ALL
    SELECT
        f.kind, f.ts, shipment_id, order_id, shop_id, category, host_id, live_session_id, sku_id, direction, carrier,
        dest_region_code, promised_at, created_at_scan, picked_up_at, delivered_at, last_scan_at, last_status,
        {version:UInt64} + 1, 0
    FROM kpi_shipment_stage
    ARRAY JOIN facts AS f
    WHERE batch = {batch:UInt64} AND shipment_id NOT IN (SELECT id FROM kpi_touched WHERE batch = {batch:UInt64} AND entity = 'shipment_same')
)
-- Only the rows of the partition days [part_lo, part_hi) (kpi/partition-chunks.ts: a run that
-- touches more partitions than one insert may hold runs this once per range).
WHERE toYYYYMMDD(ts) >= {part_lo:UInt32} AND toYYYYMMDD(ts) < {part_hi:UInt32}
ORDER BY kind, ts, shipment_id
