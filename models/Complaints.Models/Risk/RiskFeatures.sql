-- What was known about each complaint at each instant of risk_points (complaint_key, as_of): its attributes as
-- received, how long it has been open, its status history so far (events that had happened AND been recorded by
-- then), whether it had a first response, and the backlog of unanswered complaints at receipt and at as_of.
-- Nothing here looks past as_of except the outcome columns, which only the training labels read.
WITH marks AS (
    SELECT instant, sum(delta) AS delta FROM (
        SELECT received_at AS instant, 1 AS delta FROM complaints
        UNION ALL
        SELECT answered_at, -1 FROM complaints WHERE answered_at IS NOT NULL AND answered_at >= received_at
    ) GROUP BY instant
),
open_after AS (
    SELECT instant, CAST(sum(delta) OVER (ORDER BY instant ROWS UNBOUNDED PRECEDING) AS BIGINT) AS open FROM marks
),
points AS (
    SELECT p.complaint_key, p.as_of, c.received_at
    FROM risk_points p JOIN complaints c USING (complaint_key)
),
backlog_at_receipt AS (
    SELECT pt.complaint_key, pt.as_of, coalesce(o.open, 0) AS open
    FROM points pt ASOF LEFT JOIN open_after o ON pt.received_at > o.instant
),
backlog_now AS (
    SELECT pt.complaint_key, pt.as_of, coalesce(o.open, 0) AS open
    FROM points pt ASOF LEFT JOIN open_after o ON pt.as_of >= o.instant
),
history AS (
    SELECT p.complaint_key, p.as_of,
           count(e.occurred_at) AS status_changes,
           arg_max(e.to_status, e.occurred_at) AS status,
           max(e.occurred_at) AS last_change
    FROM risk_points p
    LEFT JOIN status_events e ON e.complaint_key = p.complaint_key AND e.occurred_at <= p.as_of AND e.updated_at <= p.as_of
    GROUP BY ALL
)
SELECT p.complaint_key,
       p.as_of,
       coalesce(pr.product_line, '') AS product_line,
       coalesce(c.channel, '') AS channel,
       coalesce(cu.segment, '') AS segment,
       coalesce(c.priority, '') AS priority,
       coalesce(c.complaint_type, '') AS complaint_type,
       coalesce(c.customer_expectation, '') AS expectation,
       coalesce(h.status, 'new') AS status,
       CAST(epoch(p.as_of) - epoch(c.received_at) AS DOUBLE) / 3600 AS age_hours,
       CAST(epoch(s.statutory_due_at) - epoch(c.received_at) AS DOUBLE) / 3600 AS allowed_hours,
       c.first_response_at IS NOT NULL AND c.first_response_at <= p.as_of AS responded,
       h.status_changes,
       CAST(epoch(p.as_of) - epoch(coalesce(h.last_change, c.received_at)) AS DOUBLE) / 3600 AS hours_in_status,
       br.open AS backlog_at_receipt,
       bn.open AS backlog_now,
       length(coalesce(c.description, '')) AS description_length,
       -- Outcomes, for labels only: missed the statutory deadline / the policy's resolution target, NULL while unknown at
       -- $known_at, and NULL for a complaint closed without the date (closed, time unknown): it is neither met nor missed.
       CASE WHEN s.statutory_outcome = 'unknown' THEN NULL
            WHEN s.statutory_met IS NOT NULL AND coalesce(c.answered_at, c.resolved_at) <= CAST($known_at AS TIMESTAMPTZ) THEN NOT s.statutory_met
            WHEN s.statutory_due_at <= CAST($known_at AS TIMESTAMPTZ) THEN TRUE END AS statutory_missed,
       CASE WHEN c.resolved_at IS NULL AND list_contains(string_split($ending_statuses, ','), lower(c.status)) THEN NULL
            WHEN s.resolution_breached IS NOT NULL AND c.resolved_at <= CAST($known_at AS TIMESTAMPTZ) THEN s.resolution_breached
            WHEN s.resolution_due_at <= CAST($known_at AS TIMESTAMPTZ) THEN TRUE END AS resolution_missed,
       s.statutory_due_at,
       s.resolution_due_at
FROM risk_points p
JOIN complaints c USING (complaint_key)
JOIN complaint_sla s USING (complaint_key)
LEFT JOIN products pr ON pr.sku = c.product_sku
LEFT JOIN customers cu ON cu.source = c.source AND cu.customer_id = c.customer_id
JOIN history h ON h.complaint_key = p.complaint_key AND h.as_of = p.as_of
JOIN backlog_at_receipt br ON br.complaint_key = p.complaint_key AND br.as_of = p.as_of
JOIN backlog_now bn ON bn.complaint_key = p.complaint_key AND bn.as_of = p.as_of
ORDER BY p.as_of, p.complaint_key
