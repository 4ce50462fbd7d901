-- API tokens (DESIGN §8). Only a SHA-256 of the secret is stored: the secret is 256 random
-- bits, so a fast hash is enough and a leaked table does not leak usable tokens.
-- A revocation is a new version of the row with revoked_at set; readers use FINAL.
CREATE TABLE IF NOT EXISTS api_tokens
(
    id          String,
    secret_hash String,
    role        LowCardinality(String),
    categories  Array(String),
    host_id     String DEFAULT '',
    name        String DEFAULT '',
    created_at  DateTime64(3, 'UTC'),
    revoked_at  Nullable(DateTime64(3, 'UTC')),
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;
