-- Lookup tables for the order trace (DESIGN §6) and for the KPI refresh job (kpi/refresh.ts).
--
-- The raw tables are sorted for ingest and time scans (orders by shop and day, logistics by
-- shipment), so "everything about order X" would scan all of them. These tables are sorted by
-- order id instead, fed by materialized views at insert time.
--
-- Why ReplacingMergeTree and no counters here: an MV on a raw table sees every insert,
-- including replays of the same event (ingest is at-least-once). A replayed row has the same
-- sorting key and the same values, so it merges away; readers use FINAL or DISTINCT, which is
-- exact before merges too. Nothing in these tables is a count, so no replay can inflate a KPI.
--
-- Each MV is created before its backfill: rows inserted between the two are written by both,
-- and those duplicates merge away for the reason above.

-- One row per order (latest event by occurred_at wins when a producer sends an order twice
-- with different contents).
CREATE TABLE IF NOT EXISTS order_lookup
(
    order_id        String,
    occurred_at     DateTime64(3, 'UTC'),
    event_id        String,
    shop_id         LowCardinality(String),
    user_id         String,
    sku_id          String,
    category        LowCardinality(String),
    live_session_id String,
    host_id         LowCardinality(String),
    quantity        UInt32,
    amount          Decimal(18, 2),
    region_code     LowCardinality(String),
    refund_policy   LowCardinality(String),
    live_offset_ms  UInt64
)
ENGINE = ReplacingMergeTree(occurred_at)
ORDER BY order_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS order_lookup_mv TO order_lookup AS
SELECT order_id, occurred_at, event_id, shop_id, user_id, sku_id, category, live_session_id, host_id,
       quantity, amount, region_code, refund_policy, live_offset_ms
FROM orders;

INSERT INTO order_lookup
SELECT order_id, occurred_at, event_id, shop_id, user_id, sku_id, category, live_session_id, host_id,
       quantity, amount, region_code, refund_policy, live_offset_ms
FROM orders;

-- Refunds of an order. shop_id is kept because refund_events is sorted by (shop_id, refund_id):
-- with it, reading a refund's steps is a primary-key lookup.
CREATE TABLE IF NOT EXISTS refund_order_index
(
    order_id  String,
    refund_id String,
    shop_id   LowCardinality(String)
)
ENGINE = ReplacingMergeTree
ORDER BY (order_id, refund_id, shop_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS refund_order_index_mv TO refund_order_index AS
SELECT order_id, refund_id, shop_id FROM refund_events;

INSERT INTO refund_order_index SELECT DISTINCT order_id, refund_id, shop_id FROM refund_events;

-- Shipments of an order (logistics_scans is sorted by shipment_id).
CREATE TABLE IF NOT EXISTS shipment_order_index
(
    order_id    String,
    shipment_id String
)
ENGINE = ReplacingMergeTree
ORDER BY (order_id, shipment_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS shipment_order_index_mv TO shipment_order_index AS
SELECT order_id, shipment_id FROM logistics_scans;

INSERT INTO shipment_order_index SELECT DISTINCT order_id, shipment_id FROM logistics_scans;

-- The refresh job asks "what arrived since my last run?" by _ingested_at. Parts are written in
-- arrival order, so a min/max index per granule lets that question skip everything older.
ALTER TABLE orders ADD INDEX IF NOT EXISTS idx_ingested_at _ingested_at TYPE minmax GRANULARITY 1;
ALTER TABLE refund_events ADD INDEX IF NOT EXISTS idx_ingested_at _ingested_at TYPE minmax GRANULARITY 1;
ALTER TABLE logistics_scans ADD INDEX IF NOT EXISTS idx_ingested_at _ingested_at TYPE minmax GRANULARITY 1;
-- Build the index for parts written before this migration (a background mutation; until it
-- finishes, those parts are simply read in full).
ALTER TABLE orders MATERIALIZE INDEX idx_ingested_at;
ALTER TABLE refund_events MATERIALIZE INDEX idx_ingested_at;
ALTER TABLE logistics_scans MATERIALIZE INDEX idx_ingested_at;
