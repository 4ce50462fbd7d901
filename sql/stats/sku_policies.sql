-- The refund policy each SKU was last sold under, so the wording rule can judge after-sales
-- claims (不支持七天无理由 is true of a quality_only SKU, false of a 7day_no_reason one) from the
-- first segment after a restart, before that SKU's next order arrives.
SELECT sku_id, argMax(refund_policy, occurred_at) AS refund_policy
FROM orders
GROUP BY sku_id
