-- Any order stored yet? (start backfills only into an empty store)
SELECT count() AS n FROM orders
