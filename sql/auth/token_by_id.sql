-- One token by id (its latest version: a revocation is a newer version of the row).
SELECT id, secret_hash, toString(role) AS role, categories, host_id, name, created_at, revoked_at, expires_at, version
FROM api_tokens FINAL
WHERE id = {id:String}
LIMIT 1
