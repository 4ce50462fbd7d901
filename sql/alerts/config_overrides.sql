-- Admin edits of the alert configuration (latest per key; an empty body = no override).
SELECT key, body, updated_by, updated_at
FROM alert_config FINAL
ORDER BY key
