-- Risky-wording hits found in host / assistant speech by the in-stream detector.
-- ReplacingMergeTree keyed on the segment's event_id and the hit's span: a replayed segment
-- yields the same hits, which merge away.
CREATE TABLE IF NOT EXISTS wording_hits
(
    event_id        String,
    occurred_at     DateTime64(3, 'UTC'),
    host_id         LowCardinality(String),
    shop_id         LowCardinality(String),
    live_session_id String,
    sku_id          String,
    speaker         LowCardinality(String),
    offset_ms       UInt64,
    text            String,
    phrase          String,
    term            String,
    category        LowCardinality(String),
    rule_id         LowCardinality(String),
    severity        LowCardinality(String),
    alternative     String,
    span_start      UInt32,
    span_end        UInt32,
    detected_at     DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (host_id, live_session_id, event_id, span_start);
