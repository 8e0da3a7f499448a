-- Complaints breaching either target per value of one dimension, from the SLA rollup: the settled complaints as
-- counted, plus the unsettled ones judged at $as_of as Sla/BreachesBy.sql judges the facts. Rows are first added up by
-- one column of d as key (the product for a product line, so products are joined to forty rows, not millions), then
-- named over that key k (through products p for a line). SlaQueries fills in the key, the name and that join: fixed
-- expressions, never request text.
WITH judged AS (
    SELECT /*key*/ AS key,
           sla_breached(d.first_response_breached, d.first_response_due_at,
                        list_contains(string_split($ending_statuses, ','), lower(d.status)), CAST($as_of AS TIMESTAMPTZ)) AS first_response_breached,
           sla_breached(d.resolution_breached, d.resolution_due_at,
                        list_contains(string_split($ending_statuses, ','), lower(d.status)), CAST($as_of AS TIMESTAMPTZ)) AS resolution_breached
    FROM sla_unsettled d
    WHERE /*rollup*/
),
counted AS (
    SELECT /*key*/ AS key, sum(d.complaints) AS complaints, sum(d.breached) AS breached,
           sum(d.first_response_breached) AS first_response_breached, sum(d.resolution_breached) AS resolution_breached
    FROM sla_daily d
    WHERE /*rollup*/
    GROUP BY ALL
    UNION ALL
    SELECT key,
           count(*),
           count(*) FILTER (WHERE first_response_breached OR resolution_breached),
           count(*) FILTER (WHERE first_response_breached),
           count(*) FILTER (WHERE resolution_breached)
    FROM judged
    GROUP BY ALL
)
SELECT /*dimension*/                                  AS dimension,
       CAST(sum(k.complaints) AS BIGINT)              AS complaints,
       CAST(sum(k.breached) AS BIGINT)                AS breached,
       CAST(sum(k.first_response_breached) AS BIGINT) AS first_response_breached,
       CAST(sum(k.resolution_breached) AS BIGINT)     AS resolution_breached
FROM counted k
/*products*/
GROUP BY ALL
ORDER BY breached DESC, dimension
