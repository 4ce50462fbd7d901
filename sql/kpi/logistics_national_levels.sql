-- logistics_national.sql answered from shipment_level_rollup (migration 0011) for the whole
-- hours of each range, and from shipment_facts for the partial hours at the ranges' ends, so
-- the answer is the same to the shipment. kpi/logistics.ts splits the ranges (kpi/logistics-levels.ts):
--   due, previous window   [prev_from, min(from, due_to))  hours [dp_lo, dp_hi), raw d1, d2
--   due, window            [from, due_to)                  hours [dc_lo, dc_hi), raw d3, d4
--   stalled (open)         [now − backlog, now − stall)    hours [op_lo, op_hi), raw o1, o2
--   pickup overdue         [now − backlog, now − pickup)   hours [pk_lo, pk_hi), raw p1, p2
-- The rollup is read at one level ({level}, {key}: the finest of the shop / host / session
-- filters, 'all' without one); the other filters test the row columns, which carry every
-- attribute coarser than the level.
SELECT
    is_current,
    sum(due) AS due,
    sum(delayed) AS delayed,
    sum(stalled) AS stalled,
    sum(overdue) AS pickup_overdue
FROM
(
    SELECT kind != 'due' OR bucket >= {dc_lo:DateTime('UTC')} AS is_current,
           if(kind = 'due', shipments, 0) AS due, delayed,
           if(kind = 'open', shipments, 0) AS stalled,
           if(kind = 'awaiting_pickup', shipments, 0) AS overdue,
           shop_id, category, host_id, live_session_id
    FROM shipment_level_rollup FINAL
    WHERE level = {level:String} AND key = {key:String} AND direction = {direction:String}
      AND ((kind = 'due' AND bucket >= {dp_lo:DateTime('UTC')} AND bucket < {dp_hi:DateTime('UTC')})
        OR (kind = 'due' AND bucket >= {dc_lo:DateTime('UTC')} AND bucket < {dc_hi:DateTime('UTC')})
        OR (kind = 'open' AND bucket >= {op_lo:DateTime('UTC')} AND bucket < {op_hi:DateTime('UTC')})
        OR (kind = 'awaiting_pickup' AND bucket >= {pk_lo:DateTime('UTC')} AND bucket < {pk_hi:DateTime('UTC')}))
    UNION ALL
    -- The partial hours of all four ranges in one scan of the facts (one FINAL, not three).
    SELECT kind != 'due' OR ts >= {from:DateTime64(3, 'UTC')},
           kind = 'due', toUInt8(kind = 'due' AND (delivered_at IS NULL OR delivered_at > ts)),
           kind = 'open', kind = 'awaiting_pickup',
           shop_id, category, host_id, live_session_id
    FROM shipment_facts FINAL
    WHERE direction = {direction:String}
      AND ((kind = 'due' AND ((ts >= {d1_lo:DateTime64(3, 'UTC')} AND ts < {d1_hi:DateTime64(3, 'UTC')})
                           OR (ts >= {d2_lo:DateTime64(3, 'UTC')} AND ts < {d2_hi:DateTime64(3, 'UTC')})
                           OR (ts >= {d3_lo:DateTime64(3, 'UTC')} AND ts < {d3_hi:DateTime64(3, 'UTC')})
                           OR (ts >= {d4_lo:DateTime64(3, 'UTC')} AND ts < {d4_hi:DateTime64(3, 'UTC')})))
        OR (kind = 'open' AND ((ts >= {o1_lo:DateTime64(3, 'UTC')} AND ts < {o1_hi:DateTime64(3, 'UTC')})
                            OR (ts >= {o2_lo:DateTime64(3, 'UTC')} AND ts < {o2_hi:DateTime64(3, 'UTC')})))
        OR (kind = 'awaiting_pickup' AND ((ts >= {p1_lo:DateTime64(3, 'UTC')} AND ts < {p1_hi:DateTime64(3, 'UTC')})
                                       OR (ts >= {p2_lo:DateTime64(3, 'UTC')} AND ts < {p2_hi:DateTime64(3, 'UTC')}))))
)
-- Levels carry no SKU: a SKU filter here would be ignored, so it fails loudly instead.
WHERE throwIf({sku_id:Nullable(String)} IS NOT NULL, 'SKU filters read logistics_national.sql') = 0
  AND ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
  AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
  AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
  AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
GROUP BY is_current
