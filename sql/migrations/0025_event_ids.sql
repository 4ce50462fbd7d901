-- The idempotency index (issue #20): one row per (topic, event_id) stored, with a hash of the
-- event's text as first stored. Ingest asks it before inserting: an id already here with the
-- same hash is a re-send (acknowledged, not stored again); with another hash a conflict (a
-- dead letter). The raw tables' sorting keys hold more than event_id (shop, day), so a re-send
-- with another shop used to survive their ReplacingMergeTree as a second row.
--
-- Ordered by (topic, event_id): each lookup is a primary-key range. Ingest writes the index
-- right after the rows, so a crash between the two replays rows that merge away (same text,
-- same sorting key) and then writes the index.
CREATE TABLE IF NOT EXISTS event_ids
(
    topic        LowCardinality(String),
    event_id     String,
    -- sha1 of the event's JSON text as first stored; '' for events stored before this index.
    content_hash String,
    first_seen   DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
ORDER BY (topic, event_id);

-- Events stored before the index: their content is unknown (''), so a re-send of one is taken
-- as a duplicate, never a second row.
INSERT INTO event_ids (topic, event_id, content_hash) SELECT DISTINCT 'orders', event_id, '' FROM orders;
INSERT INTO event_ids (topic, event_id, content_hash) SELECT DISTINCT 'refunds', event_id, '' FROM refund_events;
INSERT INTO event_ids (topic, event_id, content_hash) SELECT DISTINCT 'livestream-transcripts', event_id, '' FROM transcript_segments;
INSERT INTO event_ids (topic, event_id, content_hash) SELECT DISTINCT 'logistics', event_id, '' FROM logistics_scans;
