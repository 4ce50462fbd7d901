-- Events that failed validation (or could not be parsed at all), with their raw bytes.
--
-- Why ReplacingMergeTree keyed by source position + raw hash: a Kafka message replayed after a
-- crash has the same (topic, partition, offset) and must not become a second dead letter; an
-- HTTP retry of the same bad line (partition/offset -1) has the same bytes. Two distinct Kafka
-- messages with identical bad bytes keep distinct offsets, so both are kept.
CREATE TABLE IF NOT EXISTS dead_letters
(
    topic         LowCardinality(String),
    source        LowCardinality(String),
    -- Raw bytes travel base64-encoded (JSON strings cannot carry arbitrary bytes) and are
    -- decoded by the engine into `raw`, so invalid UTF-8 is kept byte for byte.
    raw_base64    String EPHEMERAL,
    raw           String DEFAULT base64Decode(raw_base64),
    raw_hash      UInt64 MATERIALIZED sipHash64(raw),
    reason        String,
    errors        Array(String),
    _partition    Int32 DEFAULT -1,
    _offset       Int64 DEFAULT -1,
    received_at   DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
ORDER BY (topic, source, _partition, _offset, raw_hash);
