-- KPI layer (DESIGN §4): fact tables and rollups the KPI queries read, maintained by the
-- refresh job (kpi/refresh.ts, sql/kpi/refresh/), plus the job's bookkeeping and snapshots.
--
-- Why a job and not materialized views: the raw tables are ReplacingMergeTree, so an MV sees
-- every replayed event at insert time and any count it kept would be inflated. Worse, the KPIs
-- are functions of a refund's *whole* history (latest state by occurred_at, first time of each
-- status, cancellation that arrives days later, the order-date cohort of an order that may
-- arrive after its refund). The job therefore recomputes the complete state of every refund or
-- shipment touched since its last run from the raw steps with idempotent aggregates only
-- (min/max of a status's time, argMax by (occurred_at, status rank, event_id)), so duplicates
-- and arrival order cannot change the answer, and writes one fact row per thing a KPI counts.
--
-- Fact rows are keyed by (kind, ts, id): every KPI query is a time-range read of one or a few
-- kinds, so the primary key prunes everything outside the window. When a recompute moves or
-- removes a row (a late step changes a time or the state), the old key gets a tombstone:
-- ReplacingMergeTree(version, is_deleted) and FINAL drop it. fact_keys remembers which keys each
-- entity has live, so the job knows what to tombstone (see sql/kpi/refresh/ for the protocol
-- that keeps this true across a crash). No partitions: one small insert is one part, and FINAL
-- never has to merge across partitions.

-- One row per (kind, refund). kind and its time ts:
--   request   requested_at (outcome = latest decision)      decision  latest decision time (outcome = decision)
--   close     time of the closing state (outcome = refunded | rejected | cancelled)
--   refunded  refunded_at (value = seconds since requested)
--   stage_decision / stage_ship_back / stage_transit / stage_money_back  stage end (value = seconds)
--   rating    rated_at (value = csat)                       open      time the current open state began (outcome = stage waited on)
--   cohort    the ORDER's occurred_at, with the order's shop/category/host/session/sku
CREATE TABLE IF NOT EXISTS refund_facts
(
    kind            LowCardinality(String),
    ts              DateTime64(3, 'UTC'),
    refund_id       String,
    order_id        String,
    shop_id         LowCardinality(String),
    category        LowCardinality(String),
    host_id         LowCardinality(String),
    live_session_id String,
    sku_id          String,
    reason_code     LowCardinality(String),
    type            LowCardinality(String),
    outcome         LowCardinality(String),
    value           Nullable(Float64),
    is_cancelled    UInt8,
    is_quality      UInt8,
    version         UInt64,
    is_deleted      UInt8 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (kind, ts, refund_id);

-- One row per (kind, shipment): due (ts = promised_at) for every shipment; open (ts = first
-- scan) while it is neither delivered nor returned to sender. Order attributes come from the
-- order so logistics KPIs filter by shop / category / host / session like every other KPI.
CREATE TABLE IF NOT EXISTS shipment_facts
(
    kind             LowCardinality(String),
    ts               DateTime64(3, 'UTC'),
    shipment_id      String,
    order_id         String,
    shop_id          LowCardinality(String),
    category         LowCardinality(String),
    host_id          LowCardinality(String),
    live_session_id  String,
    sku_id           String,
    direction        LowCardinality(String),
    carrier          LowCardinality(String),
    dest_region_code LowCardinality(String),
    promised_at      DateTime64(3, 'UTC'),
    created_at       Nullable(DateTime64(3, 'UTC')),
    picked_up_at     Nullable(DateTime64(3, 'UTC')),
    delivered_at     Nullable(DateTime64(3, 'UTC')),
    last_scan_at     DateTime64(3, 'UTC'),
    last_status      LowCardinality(String),
    version          UInt64,
    is_deleted       UInt8 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (kind, ts, shipment_id);

-- Return-rate cohorts (orders by order hour) in two halves that change for different reasons:
-- new orders touch the current hours; refund steps touch the hours their orders were placed in.
-- Each touched hour is rewritten whole (old rows of the hour tombstoned), so a group that
-- disappears cannot linger.
CREATE TABLE IF NOT EXISTS order_rollup
(
    order_hour      DateTime('UTC'),
    shop_id         LowCardinality(String),
    category        LowCardinality(String),
    host_id         LowCardinality(String),
    live_session_id String,
    sku_id          String,
    orders          UInt64,
    version         UInt64,
    is_deleted      UInt8 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (order_hour, shop_id, category, host_id, live_session_id, sku_id);

CREATE TABLE IF NOT EXISTS cohort_rollup
(
    order_hour              DateTime('UTC'),
    shop_id                 LowCardinality(String),
    category                LowCardinality(String),
    host_id                 LowCardinality(String),
    live_session_id         String,
    sku_id                  String,
    refunded_orders         UInt64,
    quality_refunded_orders UInt64,
    version                 UInt64,
    is_deleted              UInt8 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (order_hour, shop_id, category, host_id, live_session_id, sku_id);

-- Live fact keys per entity: always a superset of the keys that are live in the fact table.
CREATE TABLE IF NOT EXISTS fact_keys
(
    entity  LowCardinality(String),
    id      String,
    keys    Array(Tuple(kind LowCardinality(String), ts DateTime64(3, 'UTC'))),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (entity, id);

-- Work lists of one refresh run (batch): entities and hours to recompute. Kept a day for
-- debugging, then dropped by TTL.
CREATE TABLE IF NOT EXISTS kpi_touched
(
    batch      UInt64,
    entity     LowCardinality(String),
    shop_id    String,
    id         String,
    hour       DateTime('UTC'),
    created_at DateTime('UTC') DEFAULT now()
)
ENGINE = MergeTree
ORDER BY (batch, entity, shop_id, id, hour)
TTL created_at + INTERVAL 1 DAY;

-- Recomputed state of the touched refunds / shipments of one run, with the fact rows each
-- should have. Written once per run and read by the statements that follow it.
CREATE TABLE IF NOT EXISTS kpi_refund_stage
(
    batch           UInt64,
    shop_id         String,
    refund_id       String,
    order_id        String,
    category        String,
    host_id         String,
    live_session_id String,
    sku_id          String,
    reason_code     String,
    type            String,
    is_cancelled    UInt8,
    is_quality      UInt8,
    o_shop_id       String,
    o_category      String,
    o_host_id       String,
    o_live_session_id String,
    o_sku_id        String,
    facts           Array(Tuple(kind String, ts DateTime64(3, 'UTC'), outcome String, value Nullable(Float64))),
    created_at      DateTime('UTC') DEFAULT now()
)
ENGINE = MergeTree
ORDER BY (batch, shop_id, refund_id)
TTL created_at + INTERVAL 1 DAY;

CREATE TABLE IF NOT EXISTS kpi_shipment_stage
(
    batch            UInt64,
    shipment_id      String,
    order_id         String,
    shop_id          String,
    category         String,
    host_id          String,
    live_session_id  String,
    sku_id           String,
    direction        String,
    carrier          String,
    dest_region_code String,
    promised_at      DateTime64(3, 'UTC'),
    created_at_scan  Nullable(DateTime64(3, 'UTC')),
    picked_up_at     Nullable(DateTime64(3, 'UTC')),
    delivered_at     Nullable(DateTime64(3, 'UTC')),
    last_scan_at     DateTime64(3, 'UTC'),
    last_status      String,
    facts            Array(Tuple(kind String, ts DateTime64(3, 'UTC'))),
    created_at       DateTime('UTC') DEFAULT now()
)
ENGINE = MergeTree
ORDER BY (batch, shipment_id)
TTL created_at + INTERVAL 1 DAY;

-- The refresh job's watermark: raw rows with _ingested_at up to it are reflected in the facts.
CREATE TABLE IF NOT EXISTS kpi_state
(
    name       String,
    watermark  DateTime64(3, 'UTC'),
    version    UInt64,
    updated_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(version)
ORDER BY name;

-- KPI values as they were at each run (trailing 24 h; return rates trailing 7 days), for the
-- whole platform (scope 'all') and per category. Backlog counts (stalled shipments, pickups
-- overdue) describe "now" and cannot be recomputed for the past, so their history lives here.
-- A retried run writes the same (metric, scope, taken_at) again and replaces it.
CREATE TABLE IF NOT EXISTS kpi_snapshots
(
    taken_at    DateTime('UTC'),
    scope       LowCardinality(String),
    scope_value String,
    metric      LowCardinality(String),
    value       Nullable(Float64),
    numerator   Nullable(Float64),
    denominator Nullable(Float64)
)
ENGINE = ReplacingMergeTree
ORDER BY (metric, scope, scope_value, taken_at)
TTL taken_at + INTERVAL 400 DAY;
