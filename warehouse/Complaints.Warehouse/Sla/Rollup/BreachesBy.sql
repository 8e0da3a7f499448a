-- Complaints breaching either target per value of one dimension, from the SLA rollup: the settled complaints as
-- counted, plus the unsettled ones judged at $as_of as Sla/BreachesBy.sql judges the facts.
-- /*dimension*/ is replaced by a fixed column expression over d (and products p) chosen in SlaQueries, never by request text.
WITH judged AS (
    SELECT /*dimension*/ AS dimension,
           sla_breached(d.first_response_breached, d.first_response_due_at,
                        list_contains(string_split($ending_statuses, ','), lower(d.status)), CAST($as_of AS TIMESTAMPTZ)) AS first_response_breached,
           sla_breached(d.resolution_breached, d.resolution_due_at,
                        list_contains(string_split($ending_statuses, ','), lower(d.status)), CAST($as_of AS TIMESTAMPTZ)) AS resolution_breached
    FROM sla_unsettled d
    LEFT JOIN products p ON p.sku = d.product_sku
    WHERE /*rollup*/
),
counted AS (
    SELECT /*dimension*/ AS dimension, sum(d.complaints) AS complaints, sum(d.breached) AS breached,
           sum(d.first_response_breached) AS first_response_breached, sum(d.resolution_breached) AS resolution_breached
    FROM sla_daily d
    LEFT JOIN products p ON p.sku = d.product_sku
    WHERE /*rollup*/
    GROUP BY ALL
    UNION ALL
    SELECT dimension,
           count(*),
           count(*) FILTER (WHERE first_response_breached OR resolution_breached),
           count(*) FILTER (WHERE first_response_breached),
           count(*) FILTER (WHERE resolution_breached)
    FROM judged
    GROUP BY ALL
)
SELECT dimension,
       CAST(sum(complaints) AS BIGINT)              AS complaints,
       CAST(sum(breached) AS BIGINT)                AS breached,
       CAST(sum(first_response_breached) AS BIGINT) AS first_response_breached,
       CAST(sum(resolution_breached) AS BIGINT)     AS resolution_breached
FROM counted
GROUP BY dimension
ORDER BY breached DESC, dimension
