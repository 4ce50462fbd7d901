-- Alert grouping (alerts/grouping.ts, alerts/delivery/grouper.ts): what each group's last
-- notification listed, and every group notification sent.

-- One row per group (key = rule + groupBy values), written only by the engine's grouper:
-- the members of the group's last notification, so "did the group change?" survives a restart.
CREATE TABLE IF NOT EXISTS alert_groups
(
    key               String,
    rule              LowCardinality(String),
    labels            Map(String, String),
    seq               UInt32,
    last_notified_at  Nullable(DateTime64(3, 'UTC')),
    members           String,
    version           UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY key;

-- Every group notification. notification_id derives from key + seq, so one written twice (a
-- crash between this insert and the group's state) is one row after merge and one SSE event.
-- recorded_at is the server's insert time: API processes tail it for their SSE clients, as
-- they tail alert_events.
CREATE TABLE IF NOT EXISTS alert_group_notifications
(
    notification_id  String,
    group_key        String,
    rule             LowCardinality(String),
    labels           Map(String, String),
    seq              UInt32,
    kind             LowCardinality(String),
    at               DateTime64(3, 'UTC'),
    title            String,
    severity         LowCardinality(String),
    audiences        Array(LowCardinality(String)),
    members          String,
    recorded_at      DateTime64(6, 'UTC') DEFAULT now64(6),
    INDEX recorded_at_idx recorded_at TYPE minmax GRANULARITY 1
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (group_key, notification_id);
