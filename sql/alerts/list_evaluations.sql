-- Evaluation history, newest first: why an alert did or did not fire.
SELECT *
FROM alert_evaluations
WHERE (empty({rules:Array(String)}) OR has({rules:Array(String)}, rule))
  AND ({outcome:String} = '' OR outcome = {outcome:String})
  AND window_end >= {from:DateTime64(3, 'UTC')} AND window_end < {to:DateTime64(3, 'UTC')}
ORDER BY window_end DESC, started_at DESC, attempt DESC
LIMIT {limit:UInt32}
