-- Snapshot of outbound logistics: delay rate of shipments due in [from, to) and the backlog
-- now (stalled, pickup overdue), platform and per category (see kpi/logistics_regions.sql).
INSERT INTO kpi_snapshots (taken_at, scope, scope_value, metric, value, numerator, denominator)
SELECT {taken_at:DateTime('UTC')}, if(is_total = 1, 'all', 'category'), if(is_total = 1, '', category), m.1, m.2, m.3, m.4
FROM
(
    SELECT
        category,
        is_total,
        ['delay_rate', 'stalled_shipments', 'pickup_overdue'] AS names,
        [if(due > 0, delayed / due, NULL), toFloat64(stalled), toFloat64(pickup_overdue)] AS vals,
        [delayed, NULL, NULL] AS nums,
        [due, NULL, NULL] AS dens,
        arrayZip(names, vals, nums, dens) AS metrics
    FROM
    (
        -- The empty grouping set is the platform total; it exists even when no row matched, so an
        -- empty window is recorded as zero, not skipped. A row without a category is '(none)'.
        SELECT grouping(category) AS is_total, if(category = '', '(none)', toString(category)) AS category, sum(is_due) AS due, sum(is_delayed) AS delayed,
               sum(is_stalled) AS stalled, sum(is_overdue) AS pickup_overdue
        FROM
        (
            SELECT category, 1 AS is_due, toUInt8(delivered_at IS NULL OR delivered_at > ts) AS is_delayed,
                   0 AS is_stalled, 0 AS is_overdue
            FROM shipment_facts FINAL
            WHERE kind = 'due' AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
              AND direction = 'outbound'
            UNION ALL
            SELECT category, 0, 0, 1, 0
            FROM shipment_facts FINAL
            WHERE kind = 'open' AND direction = 'outbound'
              AND ts >= toStartOfHour({to:DateTime64(3, 'UTC')} - toIntervalDay({backlog_days:UInt32}))
              AND ts < {to:DateTime64(3, 'UTC')} - toIntervalSecond({stall_s:UInt32})
            UNION ALL
            SELECT category, 0, 0, 0, 1
            FROM shipment_facts FINAL
            WHERE kind = 'awaiting_pickup' AND direction = 'outbound'
              AND ts >= toStartOfHour({to:DateTime64(3, 'UTC')} - toIntervalDay({backlog_days:UInt32}))
              AND ts < {to:DateTime64(3, 'UTC')} - toIntervalSecond({pickup_s:UInt32})
        )
        GROUP BY GROUPING SETS ((category), ())
    )
)
ARRAY JOIN metrics AS m
