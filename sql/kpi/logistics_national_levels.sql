-- logistics_national.sql answered from shipment_level_rollup (migration 0011) for the whole
-- hours of each range, and from shipment_facts for the partial hours at the ranges' ends, so
-- the answer is the same to the shipment: the reads that logistics_national_levels_minutes.sql
-- cannot answer alone (a range end off the whole minute, or older than the minute rows'
-- retention). Minute rows would not pay here: measured on the benchmark store, the facts part
-- costs as much for sub-minute slivers as for partial hours, and a minute-row branch in the
-- rollup part adds ~5 ms. kpi/logistics.ts splits the ranges (kpi/logistics-levels.ts):
--   due, previous window   [prev_from, min(from, due_to))        dp_*
--   due, window            [from, due_to)                        dc_*
--   stalled (open)         [hour of now − backlog, now − stall)  op_*
--   pickup overdue         [hour of now − backlog, now − pickup) pk_*
-- each as hour rows [_h0, _h1) and facts [_f0, _f1) and [_f2, _f3). The rollup is read at one
-- level ({level}, {key}: the finest of the shop / host / session filters, 'all' without one);
-- the other filters test the row columns, which carry every attribute coarser than the level.
SELECT
    is_current,
    sum(due) AS due,
    sum(delayed) AS delayed,
    sum(stalled) AS stalled,
    sum(overdue) AS pickup_overdue
FROM
(
    -- Every due hour of the previous window lies before {from}, every one of the window at or
    -- after it (hour rows stop at or before a range's end, start at or after its start).
    SELECT kind != 'due' OR bucket >= {from:DateTime64(3, 'UTC')} AS is_current,
           if(kind = 'due', shipments, 0) AS due, delayed,
           if(kind = 'open', shipments, 0) AS stalled,
           if(kind = 'awaiting_pickup', shipments, 0) AS overdue,
           shop_id, category, host_id, live_session_id
    FROM shipment_level_rollup FINAL
    WHERE level = {level:String} AND key = {key:String} AND direction = {direction:String}
      -- Levels carry no SKUs: with a SKU filter no row matches (kpi/logistics.ts sends those
      -- requests to logistics_national.sql; a throwIf guard here cost ~2 ms on every read).
      AND {sku_id:Nullable(String)} IS NULL
      AND ((kind = 'due' AND ((bucket >= {dp_h0:DateTime('UTC')} AND bucket < {dp_h1:DateTime('UTC')})
                           OR (bucket >= {dc_h0:DateTime('UTC')} AND bucket < {dc_h1:DateTime('UTC')})))
        OR (kind = 'open' AND bucket >= {op_h0:DateTime('UTC')} AND bucket < {op_h1:DateTime('UTC')})
        OR (kind = 'awaiting_pickup' AND bucket >= {pk_h0:DateTime('UTC')} AND bucket < {pk_h1:DateTime('UTC')}))
    UNION ALL
    -- The partial hours of all four ranges in one scan of the facts (one FINAL, not three).
    SELECT kind != 'due' OR ts >= {from:DateTime64(3, 'UTC')},
           kind = 'due', toUInt8(kind = 'due' AND (delivered_at IS NULL OR delivered_at > ts)),
           kind = 'open', kind = 'awaiting_pickup',
           shop_id, category, host_id, live_session_id
    FROM shipment_facts FINAL
    WHERE direction = {direction:String}
      AND {sku_id:Nullable(String)} IS NULL
      AND ((kind = 'due' AND ((ts >= {dp_f0:DateTime64(3, 'UTC')} AND ts < {dp_f1:DateTime64(3, 'UTC')})
                           OR (ts >= {dp_f2:DateTime64(3, 'UTC')} AND ts < {dp_f3:DateTime64(3, 'UTC')})
                           OR (ts >= {dc_f0:DateTime64(3, 'UTC')} AND ts < {dc_f1:DateTime64(3, 'UTC')})
                           OR (ts >= {dc_f2:DateTime64(3, 'UTC')} AND ts < {dc_f3:DateTime64(3, 'UTC')})))
        OR (kind = 'open' AND ((ts >= {op_f0:DateTime64(3, 'UTC')} AND ts < {op_f1:DateTime64(3, 'UTC')})
                            OR (ts >= {op_f2:DateTime64(3, 'UTC')} AND ts < {op_f3:DateTime64(3, 'UTC')})))
        OR (kind = 'awaiting_pickup' AND ((ts >= {pk_f0:DateTime64(3, 'UTC')} AND ts < {pk_f1:DateTime64(3, 'UTC')})
                                       OR (ts >= {pk_f2:DateTime64(3, 'UTC')} AND ts < {pk_f3:DateTime64(3, 'UTC')}))))
)
WHERE ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
  AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
  AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
  AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
GROUP BY is_current
