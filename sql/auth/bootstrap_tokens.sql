-- Live tokens issued at start-up (name 'bootstrap'), so a new start can retire the old one.
SELECT id FROM api_tokens FINAL
WHERE name = {name:String} AND role = 'admin' AND revoked_at IS NULL
