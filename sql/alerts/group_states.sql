-- Groups the grouper must look at: those whose last notification listed members (they may
-- have changed or be due a repeat) and those of the given keys (groups with alerts now).
SELECT key, rule, labels, seq, last_notified_at, members
FROM alert_groups FINAL
WHERE members != '{}' OR key IN {keys:Array(String)}
