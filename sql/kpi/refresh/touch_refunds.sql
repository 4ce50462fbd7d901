-- Refunds this run recomputes: every refund with a step ingested in (lo, hi], and every refund
-- of an order ingested in (lo, hi] (its cohort fact needs the order's time and attributes).
-- lo trails the previous watermark by an overlap, so an insert still in flight at the last run
-- is picked up now; recomputing a refund twice is harmless.
INSERT INTO kpi_touched (batch, entity, shop_id, id)
SELECT DISTINCT {batch:UInt64}, 'refund', shop_id, refund_id
FROM
(
    SELECT shop_id, refund_id
    FROM refund_events
    WHERE _ingested_at > {lo:DateTime64(3, 'UTC')} AND _ingested_at <= {hi:DateTime64(3, 'UTC')}
    UNION ALL
    SELECT shop_id, refund_id
    FROM refund_order_index
    WHERE order_id IN
    (
        SELECT order_id FROM orders
        WHERE _ingested_at > {lo:DateTime64(3, 'UTC')} AND _ingested_at <= {hi:DateTime64(3, 'UTC')}
    )
)
