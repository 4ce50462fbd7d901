-- The first run (no watermark yet) recomputes every refund: a plain scan, without the
-- "refunds of new orders" lookup, which on a full store would build a set of every order id.
INSERT INTO kpi_touched (batch, entity, shop_id, id)
SELECT DISTINCT {batch:UInt64}, 'refund', shop_id, refund_id
FROM refund_events
