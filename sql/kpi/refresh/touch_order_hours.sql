-- Order hours whose order counts this run rewrites: the hours of orders ingested in (lo, hi].
INSERT INTO kpi_touched (batch, entity, hour)
SELECT DISTINCT {batch:UInt64}, 'order_hour', toStartOfHour(occurred_at)
FROM orders
WHERE _ingested_at > {lo:DateTime64(3, 'UTC')} AND _ingested_at <= {hi:DateTime64(3, 'UTC')}
