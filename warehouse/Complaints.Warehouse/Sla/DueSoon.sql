-- Open complaints (as of an instant, as in Backlog.sql) by resolution due instant, soonest first: overdue ones lead with negative time left.
-- Complaints whose clock is stopped by a pause still open have no due instant and are left out.
SELECT c.source,
       c.external_id,
       c.product_sku,
       s.policy_name,
       s.resolution_due_at,
       epoch(s.resolution_due_at) - epoch(CAST($as_of AS TIMESTAMPTZ)) AS seconds_left
FROM complaints c
JOIN complaint_sla s ON s.complaint_key = c.complaint_key
WHERE c.received_at <= CAST($as_of AS TIMESTAMPTZ)
  AND (NOT list_contains(string_split($ending_statuses, ','), lower(c.status)) OR c.resolved_at > CAST($as_of AS TIMESTAMPTZ))
  AND s.resolution_due_at IS NOT NULL
  AND /*filter*/
ORDER BY s.resolution_due_at, c.source, c.external_id
LIMIT $limit
