-- The most partitions one INSERT block may touch in this session (0 = no limit).
SELECT toUInt64(getSetting('max_partitions_per_insert_block')) AS limit
