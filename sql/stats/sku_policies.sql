-- The refund policy and category each SKU was last sold under, so the wording rule can judge
-- after-sales and category-dependent claims (不支持七天无理由 is true of a quality_only SKU, false
-- of a 7day_no_reason one; 杀菌 is lawful for a 家居 消毒柜), and the viewer-question rule can give a
-- new session its category's topic mix, from the first segment after a restart, before that SKU's
-- next order arrives.
SELECT sku_id, argMax(refund_policy, occurred_at) AS refund_policy, argMax(category, occurred_at) AS category
FROM orders
GROUP BY sku_id
