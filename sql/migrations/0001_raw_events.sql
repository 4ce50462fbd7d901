-- Raw events of the four topics, one table each (contracts/ defines the fields).
--
-- Why ReplacingMergeTree: ingest is at-least-once (Kafka replays after a crash, a producer
-- retrying an HTTP batch), so the same event may be inserted more than once. Every sorting key
-- ends in event_id and otherwise holds only fields of the event itself, so a replayed copy has
-- the same key and merges away; readers that must be exact before merges run use FINAL (or
-- aggregate by event_id). Partitions are monthly by occurred_at, so a replay lands in the same
-- partition as its original.
--
-- Regions arrive as a province name, short name or GB/T 2260 code; the *_code columns store
-- the code, computed by the engine at insert time (contracts/regions.ts holds the same table;
-- warehouse/regions.int.test.ts checks the two agree).
--
-- _extra keeps producer fields the contract does not know (DESIGN §3: kept, not fatal);
-- _partition/_offset record the Kafka position (-1 for HTTP) so a replay can be traced.

CREATE TABLE IF NOT EXISTS orders
(
    event_id        String,
    occurred_at     DateTime64(3, 'UTC'),
    schema_version  UInt16,
    order_id        String,
    user_id         String,
    shop_id         LowCardinality(String),
    sku_id          String,
    category        LowCardinality(String),
    live_session_id String,
    host_id         LowCardinality(String),
    quantity        UInt32,
    amount          Decimal(18, 2),
    region          LowCardinality(String),
    region_code     LowCardinality(String) MATERIALIZED transform(region, ['110000', '北京市', '北京', '120000', '天津市', '天津', '130000', '河北省', '河北', '140000', '山西省', '山西', '150000', '内蒙古自治区', '内蒙古', '210000', '辽宁省', '辽宁', '220000', '吉林省', '吉林', '230000', '黑龙江省', '黑龙江', '310000', '上海市', '上海', '320000', '江苏省', '江苏', '330000', '浙江省', '浙江', '340000', '安徽省', '安徽', '350000', '福建省', '福建', '360000', '江西省', '江西', '370000', '山东省', '山东', '410000', '河南省', '河南', '420000', '湖北省', '湖北', '430000', '湖南省', '湖南', '440000', '广东省', '广东', '450000', '广西壮族自治区', '广西', '460000', '海南省', '海南', '500000', '重庆市', '重庆', '510000', '四川省', '四川', '520000', '贵州省', '贵州', '530000', '云南省', '云南', '540000', '西藏自治区', '西藏', '610000', '陕西省', '陕西', '620000', '甘肃省', '甘肃', '630000', '青海省', '青海', '640000', '宁夏回族自治区', '宁夏', '650000', '新疆维吾尔自治区', '新疆'], ['110000', '110000', '110000', '120000', '120000', '120000', '130000', '130000', '130000', '140000', '140000', '140000', '150000', '150000', '150000', '210000', '210000', '210000', '220000', '220000', '220000', '230000', '230000', '230000', '310000', '310000', '310000', '320000', '320000', '320000', '330000', '330000', '330000', '340000', '340000', '340000', '350000', '350000', '350000', '360000', '360000', '360000', '370000', '370000', '370000', '410000', '410000', '410000', '420000', '420000', '420000', '430000', '430000', '430000', '440000', '440000', '440000', '450000', '450000', '450000', '460000', '460000', '460000', '500000', '500000', '500000', '510000', '510000', '510000', '520000', '520000', '520000', '530000', '530000', '530000', '540000', '540000', '540000', '610000', '610000', '610000', '620000', '620000', '620000', '630000', '630000', '630000', '640000', '640000', '640000', '650000', '650000', '650000'], region),
    refund_policy   LowCardinality(String),
    live_offset_ms  UInt64,
    _extra          String DEFAULT '',
    _partition      Int32 DEFAULT -1,
    _offset         Int64 DEFAULT -1,
    _ingested_at    DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (shop_id, toDate(occurred_at), event_id);

CREATE TABLE IF NOT EXISTS refund_events
(
    event_id        String,
    occurred_at     DateTime64(3, 'UTC'),
    schema_version  UInt16,
    refund_id       String,
    order_id        String,
    sku_id          String,
    shop_id         LowCardinality(String),
    category        LowCardinality(String),
    host_id         LowCardinality(String),
    live_session_id String,
    type            LowCardinality(String),
    reason_code     LowCardinality(String),
    amount          Decimal(18, 2),
    status          LowCardinality(String),
    actor           LowCardinality(String),
    rule_id         String DEFAULT '',
    reject_reason   String DEFAULT '',
    csat            Nullable(UInt8),
    _extra          String DEFAULT '',
    _partition      Int32 DEFAULT -1,
    _offset         Int64 DEFAULT -1,
    _ingested_at    DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (shop_id, refund_id, event_id);

CREATE TABLE IF NOT EXISTS transcript_segments
(
    event_id        String,
    occurred_at     DateTime64(3, 'UTC'),
    schema_version  UInt16,
    live_session_id String,
    host_id         LowCardinality(String),
    shop_id         LowCardinality(String),
    speaker         LowCardinality(String),
    text            String,
    sku_id          String DEFAULT '',
    offset_ms       UInt64,
    _extra          String DEFAULT '',
    _partition      Int32 DEFAULT -1,
    _offset         Int64 DEFAULT -1,
    _ingested_at    DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (host_id, live_session_id, offset_ms, event_id);

CREATE TABLE IF NOT EXISTS logistics_scans
(
    event_id         String,
    occurred_at      DateTime64(3, 'UTC'),
    schema_version   UInt16,
    shipment_id      String,
    order_id         String,
    carrier          LowCardinality(String),
    direction        LowCardinality(String),
    status           LowCardinality(String),
    origin_region    LowCardinality(String),
    origin_region_code LowCardinality(String) MATERIALIZED transform(origin_region, ['110000', '北京市', '北京', '120000', '天津市', '天津', '130000', '河北省', '河北', '140000', '山西省', '山西', '150000', '内蒙古自治区', '内蒙古', '210000', '辽宁省', '辽宁', '220000', '吉林省', '吉林', '230000', '黑龙江省', '黑龙江', '310000', '上海市', '上海', '320000', '江苏省', '江苏', '330000', '浙江省', '浙江', '340000', '安徽省', '安徽', '350000', '福建省', '福建', '360000', '江西省', '江西', '370000', '山东省', '山东', '410000', '河南省', '河南', '420000', '湖北省', '湖北', '430000', '湖南省', '湖南', '440000', '广东省', '广东', '450000', '广西壮族自治区', '广西', '460000', '海南省', '海南', '500000', '重庆市', '重庆', '510000', '四川省', '四川', '520000', '贵州省', '贵州', '530000', '云南省', '云南', '540000', '西藏自治区', '西藏', '610000', '陕西省', '陕西', '620000', '甘肃省', '甘肃', '630000', '青海省', '青海', '640000', '宁夏回族自治区', '宁夏', '650000', '新疆维吾尔自治区', '新疆'], ['110000', '110000', '110000', '120000', '120000', '120000', '130000', '130000', '130000', '140000', '140000', '140000', '150000', '150000', '150000', '210000', '210000', '210000', '220000', '220000', '220000', '230000', '230000', '230000', '310000', '310000', '310000', '320000', '320000', '320000', '330000', '330000', '330000', '340000', '340000', '340000', '350000', '350000', '350000', '360000', '360000', '360000', '370000', '370000', '370000', '410000', '410000', '410000', '420000', '420000', '420000', '430000', '430000', '430000', '440000', '440000', '440000', '450000', '450000', '450000', '460000', '460000', '460000', '500000', '500000', '500000', '510000', '510000', '510000', '520000', '520000', '520000', '530000', '530000', '530000', '540000', '540000', '540000', '610000', '610000', '610000', '620000', '620000', '620000', '630000', '630000', '630000', '640000', '640000', '640000', '650000', '650000', '650000'], origin_region),
    dest_region      LowCardinality(String),
    dest_region_code LowCardinality(String) MATERIALIZED transform(dest_region, ['110000', '北京市', '北京', '120000', '天津市', '天津', '130000', '河北省', '河北', '140000', '山西省', '山西', '150000', '内蒙古自治区', '内蒙古', '210000', '辽宁省', '辽宁', '220000', '吉林省', '吉林', '230000', '黑龙江省', '黑龙江', '310000', '上海市', '上海', '320000', '江苏省', '江苏', '330000', '浙江省', '浙江', '340000', '安徽省', '安徽', '350000', '福建省', '福建', '360000', '江西省', '江西', '370000', '山东省', '山东', '410000', '河南省', '河南', '420000', '湖北省', '湖北', '430000', '湖南省', '湖南', '440000', '广东省', '广东', '450000', '广西壮族自治区', '广西', '460000', '海南省', '海南', '500000', '重庆市', '重庆', '510000', '四川省', '四川', '520000', '贵州省', '贵州', '530000', '云南省', '云南', '540000', '西藏自治区', '西藏', '610000', '陕西省', '陕西', '620000', '甘肃省', '甘肃', '630000', '青海省', '青海', '640000', '宁夏回族自治区', '宁夏', '650000', '新疆维吾尔自治区', '新疆'], ['110000', '110000', '110000', '120000', '120000', '120000', '130000', '130000', '130000', '140000', '140000', '140000', '150000', '150000', '150000', '210000', '210000', '210000', '220000', '220000', '220000', '230000', '230000', '230000', '310000', '310000', '310000', '320000', '320000', '320000', '330000', '330000', '330000', '340000', '340000', '340000', '350000', '350000', '350000', '360000', '360000', '360000', '370000', '370000', '370000', '410000', '410000', '410000', '420000', '420000', '420000', '430000', '430000', '430000', '440000', '440000', '440000', '450000', '450000', '450000', '460000', '460000', '460000', '500000', '500000', '500000', '510000', '510000', '510000', '520000', '520000', '520000', '530000', '530000', '530000', '540000', '540000', '540000', '610000', '610000', '610000', '620000', '620000', '620000', '630000', '630000', '630000', '640000', '640000', '640000', '650000', '650000', '650000'], dest_region),
    promised_at      DateTime64(3, 'UTC'),
    exception_code   String DEFAULT '',
    _extra           String DEFAULT '',
    _partition       Int32 DEFAULT -1,
    _offset          Int64 DEFAULT -1,
    _ingested_at     DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (shipment_id, event_id);
