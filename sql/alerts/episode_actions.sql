-- Human actions (acknowledge / resolve) recorded for alerts, latest per (alert, episode, action).
SELECT fingerprint, episode, action, actor, comment, at
FROM alert_actions FINAL
WHERE fingerprint IN {fingerprints:Array(String)}
