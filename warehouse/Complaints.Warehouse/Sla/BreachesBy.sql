-- Complaints breaching either target (as of an instant, judged as in Achievement.sql: a due instant passing decides
-- only while the complaint is open), per value of one dimension.
-- /*dimension*/ is replaced by a fixed column expression chosen in SlaQueries, never by request text.
WITH judged AS (
    SELECT /*dimension*/ AS dimension,
           sla_breached(s.first_response_breached, s.first_response_due_at,
                        list_contains(string_split($ending_statuses, ','), lower(c.status)), CAST($as_of AS TIMESTAMPTZ)) AS first_response_breached,
           sla_breached(s.resolution_breached, s.resolution_due_at,
                        list_contains(string_split($ending_statuses, ','), lower(c.status)), CAST($as_of AS TIMESTAMPTZ)) AS resolution_breached
    FROM complaints c
    JOIN complaint_sla s ON s.complaint_key = c.complaint_key
    LEFT JOIN products p ON p.sku = c.product_sku
    LEFT JOIN customers cu ON cu.source = c.source AND cu.customer_id = c.customer_id
    WHERE /*filter*/
)
SELECT dimension,
       count(*)                                                                          AS complaints,
       count(*) FILTER (WHERE first_response_breached OR resolution_breached)            AS breached,
       count(*) FILTER (WHERE first_response_breached)                                   AS first_response_breached,
       count(*) FILTER (WHERE resolution_breached)                                       AS resolution_breached
FROM judged
GROUP BY dimension
ORDER BY breached DESC, dimension
