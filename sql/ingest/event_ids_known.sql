-- Which of these event ids of a topic are stored already, and with which content hash.
SELECT event_id, content_hash
FROM event_ids
WHERE topic = {topic:String} AND event_id IN {ids:Array(String)}
GROUP BY event_id, content_hash
