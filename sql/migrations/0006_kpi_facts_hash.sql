-- fact_keys also remembers a hash of the facts an entity was last written with (0 = unknown).
-- A run that recomputes a refund or shipment whose facts did not change — a replayed event, or
-- an entity re-touched because its rows fell in the refresh overlap — then writes nothing, so
-- re-touching costs a read, not a rewrite of the fact tables (see sql/kpi/refresh/unchanged_*).
ALTER TABLE fact_keys ADD COLUMN IF NOT EXISTS facts_hash UInt64 DEFAULT 0;
