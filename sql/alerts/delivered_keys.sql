-- Which of these idempotency keys were already delivered (or deliberately not: silenced).
SELECT idempotency_key, status
FROM alert_deliveries FINAL
WHERE idempotency_key IN {keys:Array(String)} AND status IN ('delivered', 'silenced')
