-- One read of a batch (kpi/read-batch.ts runKpiReads): the read's rows, each as the JSON object
-- JSONEachRow would print for it, tagged with the read's place in the batch. The batch joins its
-- parts with UNION ALL; runKpiReads puts the place and the read's own query (its parameters
-- renamed to the place's prefix) where the double-braced markers stand. The newline before the
-- closing parenthesis ends a trailing comment of the read.
SELECT {{part}} AS part, formatRow('JSONEachRow', *) AS row FROM (
{{read}}
)
