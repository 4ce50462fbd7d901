-- Product titles (issue #17): an order may carry the title of its SKU (contracts/orders.ts
-- product_title, optional). The orders table keeps it as sent; sku_titles keeps one title per
-- SKU for every read that shows a SKU (return-rate tables, the trace, alert evidence), filled by
-- a materialized view as orders arrive, so no read has to scan the orders for a name.
--
-- Why ReplacingMergeTree(seen_at): a SKU's title may change (a shop renames a listing); the
-- latest order's wins. Readers take argMax(title, seen_at) per sku_id, which is exact before
-- merges run. Orders without a title write nothing here, so a SKU keeps the last title it had.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS product_title String DEFAULT '' AFTER sku_id;

CREATE TABLE IF NOT EXISTS sku_titles
(
    sku_id   String,
    category LowCardinality(String),
    title    String,
    seen_at  DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(seen_at)
ORDER BY sku_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS sku_titles_mv TO sku_titles AS
SELECT sku_id, category, product_title AS title, occurred_at AS seen_at
FROM orders
WHERE product_title != '';
