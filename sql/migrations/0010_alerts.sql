-- Alert engine state and history (alerts/, DESIGN §5). Everything the lifecycle needs to
-- survive a restart lives here, so a new engine process continues where the last one stopped.
--
-- Why ReplacingMergeTree(version) for state-like tables: ClickHouse has no UPDATE worth using
-- on a hot path, so every change is a new row with a larger version and readers use FINAL
-- (tables are small: one row per alert, silence, delivery or config key).

-- One row per alert identity (fingerprint = rule + subject). Written only by the alert engine,
-- so the engine never races with the API; acks and manual resolves live in alert_actions.
CREATE TABLE IF NOT EXISTS alert_state
(
    fingerprint       String,
    rule              LowCardinality(String),
    subject           String,
    labels            Map(String, String),
    audiences         Array(LowCardinality(String)),
    severity          LowCardinality(String),
    title             String,
    state             LowCardinality(String),
    episode           String,
    pending_count     UInt32,
    started_at        DateTime64(3, 'UTC'),
    fired_at          Nullable(DateTime64(3, 'UTC')),
    resolved_at       Nullable(DateTime64(3, 'UTC')),
    resolved_by       String DEFAULT '',
    last_eval_at      DateTime64(3, 'UTC'),
    last_notified_at  Nullable(DateTime64(3, 'UTC')),
    notify_count      UInt32,
    evidence          String,
    version           UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY fingerprint;

-- Human actions on one episode of an alert (acknowledge, resolve), written by the API. Kept
-- apart from alert_state so an ack can never be overwritten by the engine's next evaluation.
CREATE TABLE IF NOT EXISTS alert_actions
(
    fingerprint  String,
    episode      String,
    action       LowCardinality(String),
    actor        String,
    comment      String,
    at           DateTime64(3, 'UTC'),
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (fingerprint, episode, action);

-- Every transition (pending, firing, repeat, acknowledged, resolved, inactive). event_id is
-- derived from fingerprint + episode + transition (+ repeat number), so the same transition
-- written twice (a retried insert, a second engine) is one row after merge and one SSE event
-- (readers dedupe by event_id). recorded_at is the server's insert time: every API process
-- tails this table by it (alerts/feed.ts) to push transitions to its SSE clients.
CREATE TABLE IF NOT EXISTS alert_events
(
    event_id     String,
    fingerprint  String,
    rule         LowCardinality(String),
    episode      String,
    transition   LowCardinality(String),
    from_state   LowCardinality(String),
    to_state     LowCardinality(String),
    at           DateTime64(3, 'UTC'),
    subject      String,
    labels       Map(String, String),
    audiences    Array(LowCardinality(String)),
    severity     LowCardinality(String),
    title        String,
    evidence     String,
    actor        String DEFAULT '',
    silenced_by  Array(String),
    recorded_at  DateTime64(6, 'UTC') DEFAULT now64(6),
    INDEX recorded_at_idx recorded_at TYPE minmax GRANULARITY 1
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (fingerprint, event_id);

-- One row per evaluation attempt of a scheduled rule: why an alert did or did not fire.
CREATE TABLE IF NOT EXISTS alert_evaluations
(
    rule              LowCardinality(String),
    window_start      DateTime64(3, 'UTC'),
    window_end        DateTime64(3, 'UTC'),
    started_at        DateTime64(3, 'UTC'),
    duration_ms       UInt32,
    attempt           UInt16,
    outcome           LowCardinality(String),
    groups_evaluated  UInt32,
    conditions_met    UInt32,
    transitions       UInt32,
    open_alerts       UInt32,
    error             String,
    near_misses       String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(window_end)
ORDER BY (rule, window_end, attempt);

-- Silences: label matchers and a time range; deleting one writes deleted = 1.
CREATE TABLE IF NOT EXISTS alert_silences
(
    id          String,
    matchers    String,
    starts_at   DateTime64(3, 'UTC'),
    ends_at     DateTime64(3, 'UTC'),
    created_by  String,
    comment     String,
    created_at  DateTime64(3, 'UTC'),
    updated_at  DateTime64(3, 'UTC'),
    deleted     UInt8,
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;

-- Webhook deliveries by idempotency key: a delivered key is never sent again, also after a
-- restart (the engine re-sends undelivered transitions it finds on start).
CREATE TABLE IF NOT EXISTS alert_deliveries
(
    idempotency_key  String,
    event_id         String,
    fingerprint      String,
    channel          LowCardinality(String),
    transition       LowCardinality(String),
    status           LowCardinality(String),
    attempts         UInt16,
    http_status      UInt16,
    error            String,
    at               DateTime64(3, 'UTC'),
    version          UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY idempotency_key;

-- Admin edits of the rule configuration (config/alerts.default.json holds the defaults):
-- key `rule:<id>` or `channels`; an empty body removes the override.
CREATE TABLE IF NOT EXISTS alert_config
(
    key         String,
    body        String,
    updated_by  String,
    updated_at  DateTime64(3, 'UTC'),
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY key;
