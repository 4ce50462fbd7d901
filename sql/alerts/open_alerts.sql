-- Open alerts (pending or firing) of one rule: what the lifecycle continues from.
SELECT *
FROM alert_state FINAL
WHERE rule = {rule:String} AND state IN ('pending', 'firing')
