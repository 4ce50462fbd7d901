-- sql/kpi/logistics_national_levels.sql without its facts part, for the reads whose fact
-- slivers are all empty (kpi/logistics.ts: window, previous window and `now` on whole minutes,
-- e.g. a window ending at `now` on a whole minute): an empty facts part still costs ~4 ms
-- (measured on the benchmark store, 21.3 against 17.4 ms), a constant-false WHERE on it as
-- much. The rollup part is the same, line for line (kpi/logistics-levels.test.ts checks it).
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
