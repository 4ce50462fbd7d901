-- Reason distribution of refunds requested in [from, to) and not cancelled, optionally per
-- category / SKU / host / shop / live session ({by}; 'none' = one group). share is within the
-- group. Sorted and paginated on the server; total = groups × reasons before pagination.
SELECT
    key,
    reason_code,
    n,
    n / sum(n) OVER (PARTITION BY key) AS share,
    count() OVER () AS total
FROM
(
    SELECT
        multiIf({by:String} = 'category', toString(category),
                {by:String} = 'sku', sku_id,
                {by:String} = 'host', toString(host_id),
                {by:String} = 'shop', toString(shop_id),
                {by:String} = 'session', live_session_id,
                '') AS key,
        toString(reason_code) AS reason_code,
        count() AS n
    FROM refund_facts FINAL
    WHERE kind = 'request' AND is_cancelled = 0
      AND ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')}
      AND ({shop_id:Nullable(String)} IS NULL OR shop_id = {shop_id:Nullable(String)})
      AND (empty({categories:Array(String)}) OR category IN {categories:Array(String)})
      AND ({host_id:Nullable(String)} IS NULL OR host_id = {host_id:Nullable(String)})
      AND ({live_session_id:Nullable(String)} IS NULL OR live_session_id = {live_session_id:Nullable(String)})
      AND ({sku_id:Nullable(String)} IS NULL OR sku_id = {sku_id:Nullable(String)})
    GROUP BY key, reason_code
)
ORDER BY
    multiIf({sort:String} = 'share', share, {sort:String} = 'count', toFloat64(n), 0) * if({desc:Bool}, -1, 1),
    multiIf({sort:String} = 'key' AND {desc:Bool}, key, {sort:String} = 'reason_code' AND {desc:Bool}, reason_code, '') DESC,
    multiIf({sort:String} = 'key', key, {sort:String} = 'reason_code', reason_code, ''),
    key,
    reason_code
LIMIT {limit:UInt32} OFFSET {offset:UInt32}
