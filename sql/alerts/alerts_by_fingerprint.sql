-- Stored records of the given alert identities.
SELECT *
FROM alert_state FINAL
WHERE fingerprint IN {fingerprints:Array(String)}
