-- Alerts for the API: the engine's state joined with the human actions on the current episode
-- (acknowledged = firing + an ack; resolved by hand = a resolve the engine has not applied
-- yet), filtered by optional parameters ('' / [] = any) and by
-- the viewer's scope: 'all', 'category' (alerts meant for category managers, in their
-- categories) or 'host' (alerts meant for hosts, about that host).
SELECT
    s.fingerprint AS fingerprint, s.rule AS rule, s.subject AS subject, s.labels AS labels, s.audiences AS audiences,
    s.severity AS severity, s.title AS title, s.state AS stored_state,
    multiIf(s.state = 'firing' AND r.fingerprint != '', 'resolved', s.state = 'firing' AND a.fingerprint != '', 'acknowledged', s.state) AS state,
    s.episode AS episode, s.pending_count AS pending_count, s.started_at AS started_at, s.fired_at AS fired_at,
    if(s.state = 'firing' AND r.fingerprint != '', r.at, s.resolved_at) AS resolved_at,
    if(s.state = 'firing' AND r.fingerprint != '', r.actor, s.resolved_by) AS resolved_by, s.last_eval_at AS last_eval_at,
    s.last_notified_at AS last_notified_at, s.notify_count AS notify_count, s.evidence AS evidence,
    a.actor AS acked_by, if(a.fingerprint != '', a.at, NULL) AS acked_at, a.comment AS ack_comment
FROM (SELECT * FROM alert_state FINAL) AS s
LEFT JOIN (SELECT fingerprint, episode, actor, comment, at FROM alert_actions FINAL WHERE action = 'acknowledge') AS a
    ON a.fingerprint = s.fingerprint AND a.episode = s.episode
LEFT JOIN (SELECT fingerprint, episode, actor, at FROM alert_actions FINAL WHERE action = 'resolve') AS r
    ON r.fingerprint = s.fingerprint AND r.episode = s.episode
WHERE (empty({rules:Array(String)}) OR has({rules:Array(String)}, s.rule))
  AND (empty({fingerprints:Array(String)}) OR has({fingerprints:Array(String)}, s.fingerprint))
  AND (empty({states:Array(String)}) OR has({states:Array(String)}, multiIf(s.state = 'firing' AND r.fingerprint != '', 'resolved', s.state = 'firing' AND a.fingerprint != '', 'acknowledged', s.state)))
  AND ({category:String} = '' OR s.labels['category'] = {category:String})
  AND ({shop_id:String} = '' OR s.labels['shop_id'] = {shop_id:String})
  AND ({host_id:String} = '' OR s.labels['host_id'] = {host_id:String})
  AND ({sku_id:String} = '' OR s.labels['sku_id'] = {sku_id:String})
  AND ({severity:String} = '' OR s.severity = {severity:String})
  AND s.last_eval_at >= {since:DateTime64(3, 'UTC')}
  AND (
        {scope:String} = 'all'
     OR ({scope:String} = 'category' AND has(s.audiences, 'category_manager') AND has({scope_categories:Array(String)}, s.labels['category']))
     OR ({scope:String} = 'host' AND has(s.audiences, 'host') AND s.labels['host_id'] = {scope_host:String})
  )
ORDER BY s.state IN ('pending', 'firing') DESC, s.last_eval_at DESC, s.fingerprint
LIMIT {limit:UInt32} OFFSET {offset:UInt32}
