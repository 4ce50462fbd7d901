-- regional_shipping_delay: outbound shipments whose promised time fell in the {window_hours}
-- hours before {at}, per destination region (GB/T 2260 code), and how many were late:
-- delivered after the promise, or not delivered.
--
-- Read from the KPI's own facts, exactly as sql/kpi/logistics_regions.sql reads them for the
-- drilldown the alert links to (/v1/kpi/logistics?from={at} − window&to={at}): the 'due' fact
-- of each shipment (its latest promise, kpi/refresh shipment_stage.sql), delayed when
-- delivered_at IS NULL OR delivered_at > ts. So the rule's due / late per region and the rest
-- of the country (the sum of every other row, as the KPI's national figures) are
-- the KPI's numbers for the same window. Issue #21: the rule used to read raw scans of the
-- last 30 days only, and a shipment whose scans were older (created long before a late
-- promise) was due in the KPI but not in the rule.
--
-- No look-back is needed: the facts hold every shipment's latest state whatever the age of its
-- scans. A delivery after {at} counts as late, as in the KPI (its promise lies before {at}).
-- The facts are as fresh as the KPI refresh watermark (a minute behind by default; /healthz
-- says when it falls further behind).
SELECT
    toString(dest_region_code) AS region_code,
    toUInt32(count()) AS due,
    toUInt32(countIf(delivered_at IS NULL OR delivered_at > ts)) AS late
FROM shipment_facts FINAL
WHERE kind = 'due'
  AND direction = 'outbound'
  AND ts >= {at:DateTime64(3, 'UTC')} - INTERVAL {window_hours:UInt32} HOUR
  AND ts < {at:DateTime64(3, 'UTC')}
GROUP BY region_code
ORDER BY region_code
