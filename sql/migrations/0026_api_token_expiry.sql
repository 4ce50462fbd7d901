-- Optional token expiry (issue #20: `radar token create --expires 30d`). NULL: never expires.
-- Checked by auth/tokens.ts on every request, so an expired token is refused to the millisecond.
ALTER TABLE api_tokens ADD COLUMN IF NOT EXISTS expires_at Nullable(DateTime64(3, 'UTC')) AFTER revoked_at;
