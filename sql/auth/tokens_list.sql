-- Tokens for `radar token list` / GET /v1/tokens (the hash is never shown).
SELECT id, '' AS secret_hash, toString(role) AS role, categories, host_id, name, created_at, revoked_at, expires_at, version
FROM api_tokens FINAL
WHERE {include_revoked:Bool} OR revoked_at IS NULL
ORDER BY created_at
