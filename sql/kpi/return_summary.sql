-- Return rate of the order cohort placed in [from, to) (DESIGN §4): orders with a refund that
-- is not cancelled ÷ orders, both attributed to the ORDER's hour, so a refund of an order
-- placed before the window never counts. from/to are whole hours (the rollups' grain).
-- Cohorts of [prev_from, from) come back as is_current = 0 (prev_from = from: the window alone).
--
-- Each window [a, b) is read as its whole UTC days [d0, d1) from the daily rollups and the
-- hours [a, d0) and [d1, b) from the hourly ones (d0 = d1 = b when no whole day fits; see
-- daySplit in kpi/return-rates.ts): a day has a quarter of the rows of its 24 hours.
SELECT
    is_current,
    sum(orders) AS orders,
    sum(refunded_orders) AS refunded_orders,
    sum(quality_refunded_orders) AS quality_refunded_orders
FROM
(
    SELECT order_hour >= {from:DateTime('UTC')} AS is_current, orders, 0 AS refunded_orders, 0 AS quality_refunded_orders,
           shop_id, category, host_id, live_session_id, sku_id
    FROM order_rollup FINAL
    WHERE (order_hour >= {prev_from:DateTime('UTC')} AND order_hour < {prev_d0:DateTime('UTC')})
       OR (order_hour >= {prev_d1:DateTime('UTC')} AND order_hour < {from:DateTime('UTC')})
       OR (order_hour >= {from:DateTime('UTC')} AND order_hour < {d0:DateTime('UTC')})
       OR (order_hour >= {d1:DateTime('UTC')} AND order_hour < {to:DateTime('UTC')})
    UNION ALL
    SELECT order_hour >= {from:DateTime('UTC')}, 0, refunded_orders, quality_refunded_orders,
           shop_id, category, host_id, live_session_id, sku_id
    FROM cohort_rollup FINAL
    WHERE (order_hour >= {prev_from:DateTime('UTC')} AND order_hour < {prev_d0:DateTime('UTC')})
       OR (order_hour >= {prev_d1:DateTime('UTC')} AND order_hour < {from:DateTime('UTC')})
       OR (order_hour >= {from:DateTime('UTC')} AND order_hour < {d0:DateTime('UTC')})
       OR (order_hour >= {d1:DateTime('UTC')} AND order_hour < {to:DateTime('UTC')})
    UNION ALL
    -- The previous window's whole days all end by `from`, the current window's start at or after it.
    SELECT order_day >= toDate({from:DateTime('UTC')}), orders, 0, 0, shop_id, category, host_id, live_session_id, sku_id
    FROM order_day_rollup FINAL
    WHERE (order_day >= toDate({prev_d0:DateTime('UTC')}) AND order_day < toDate({prev_d1:DateTime('UTC')}))
       OR (order_day >= toDate({d0:DateTime('UTC')}) AND order_day < toDate({d1:DateTime('UTC')}))
    UNION ALL
    SELECT order_day >= toDate({from:DateTime('UTC')}), 0, refunded_orders, quality_refunded_orders,
           shop_id, category, host_id, live_session_id, sku_id
    FROM cohort_day_rollup FINAL
    WHERE (order_day >= toDate({prev_d0:DateTime('UTC')}) AND order_day < toDate({prev_d1:DateTime('UTC')}))
       OR (order_day >= toDate({d0:DateTime('UTC')}) AND order_day < toDate({d1:DateTime('UTC')}))
)
WHERE ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
  AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
  AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
  AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
  AND ({sku_id:Nullable(String)} IS NULL OR sku_id = {sku_id:Nullable(String)})
GROUP BY is_current
