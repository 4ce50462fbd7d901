-- The product titles of the given SKUs (migration 0021), the latest per SKU, for pages that show
-- SKU ids from elsewhere (alerts, evidence). Only SKUs of the caller's categories (empty = any),
-- and for a host only SKUs their own sessions sold.
SELECT sku_id, argMax(title, seen_at) AS title
FROM sku_titles
WHERE sku_id IN {ids:Array(String)}
  AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
  AND ({host_id:Nullable(String)} IS NULL
       OR sku_id IN (SELECT sku_id FROM orders WHERE host_id = {host_id:Nullable(String)} AND sku_id IN {ids:Array(String)}))
GROUP BY sku_id
