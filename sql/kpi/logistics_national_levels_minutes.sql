-- logistics_national.sql answered from shipment_level_rollup alone (migrations 0011, 0014):
-- its hour rows for the whole hours of each range, its minute rows for the whole minutes
-- around them, so the answer is the same to the shipment. For reads whose ranges all start
-- and end on whole minutes within the minute rows' retention (kpi/logistics.ts; e.g. a window
-- ending at `now` on a whole minute); any other read takes logistics_national_levels.sql.
-- kpi/logistics.ts splits the ranges (kpi/logistics-levels.ts, kpi/level-split.ts):
--   due, previous window   [prev_from, min(from, due_to))        dp_*
--   due, window            [from, due_to)                        dc_*
--   stalled (open)         [hour of now − backlog, now − stall)  op_*
--   pickup overdue         [hour of now − backlog, now − pickup) pk_*
-- each as hour rows [_h0, _h1) and minute rows [_m0, _m1) and [_m2, _m3). The rollup is read
-- at one level ({level}, {key}: the finest of the shop / host / session filters, 'all'
-- without one) and its minute level ({minute_level}), one key range each; the other filters
-- test the row columns, which carry every attribute coarser than the level.
SELECT
    is_current,
    sum(due) AS due,
    sum(delayed) AS delayed,
    sum(stalled) AS stalled,
    sum(overdue) AS pickup_overdue
FROM
(
    -- Every due bucket of the previous window lies before {from}, every one of the window at or
    -- after it (minute and hour rows stop at or before a range's end, start at or after its start).
    SELECT kind != 'due' OR bucket >= {from:DateTime64(3, 'UTC')} AS is_current,
           if(kind = 'due', shipments, 0) AS due, delayed,
           if(kind = 'open', shipments, 0) AS stalled,
           if(kind = 'awaiting_pickup', shipments, 0) AS overdue,
           shop_id, category, host_id, live_session_id
    FROM shipment_level_rollup FINAL
    WHERE key = {key:String} AND direction = {direction:String}
      -- Levels carry no SKUs: with a SKU filter no row matches (kpi/logistics.ts sends those
      -- requests to logistics_national.sql; a throwIf guard here cost ~2 ms on every read).
      AND {sku_id:Nullable(String)} IS NULL
      AND ((level = {level:String}
            AND ((kind = 'due' AND ((bucket >= {dp_h0:DateTime('UTC')} AND bucket < {dp_h1:DateTime('UTC')})
                                 OR (bucket >= {dc_h0:DateTime('UTC')} AND bucket < {dc_h1:DateTime('UTC')})))
              OR (kind = 'open' AND bucket >= {op_h0:DateTime('UTC')} AND bucket < {op_h1:DateTime('UTC')})
              OR (kind = 'awaiting_pickup' AND bucket >= {pk_h0:DateTime('UTC')} AND bucket < {pk_h1:DateTime('UTC')})))
        OR (level = {minute_level:String}
            AND ((kind = 'due' AND ((bucket >= {dp_m0:DateTime('UTC')} AND bucket < {dp_m1:DateTime('UTC')})
                                 OR (bucket >= {dp_m2:DateTime('UTC')} AND bucket < {dp_m3:DateTime('UTC')})
                                 OR (bucket >= {dc_m0:DateTime('UTC')} AND bucket < {dc_m1:DateTime('UTC')})
                                 OR (bucket >= {dc_m2:DateTime('UTC')} AND bucket < {dc_m3:DateTime('UTC')})))
              OR (kind = 'open' AND ((bucket >= {op_m0:DateTime('UTC')} AND bucket < {op_m1:DateTime('UTC')})
                                  OR (bucket >= {op_m2:DateTime('UTC')} AND bucket < {op_m3:DateTime('UTC')})))
              OR (kind = 'awaiting_pickup' AND ((bucket >= {pk_m0:DateTime('UTC')} AND bucket < {pk_m1:DateTime('UTC')})
                                             OR (bucket >= {pk_m2:DateTime('UTC')} AND bucket < {pk_m3:DateTime('UTC')}))))))
)
WHERE ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
  AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
  AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
  AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
GROUP BY is_current
