-- Open complaints by resolution due instant, soonest first, from the SLA rollup's unsettled complaints (every
-- complaint open at or after its cut is one), as Sla/DueSoon.sql reads the facts.
SELECT d.source,
       d.external_id,
       d.product_sku,
       d.policy_name,
       d.resolution_due_at,
       epoch(d.resolution_due_at) - epoch(CAST($as_of AS TIMESTAMPTZ)) AS seconds_left
FROM sla_unsettled d
WHERE d.received_at <= CAST($as_of AS TIMESTAMPTZ)
  AND (NOT list_contains(string_split($ending_statuses, ','), lower(d.status)) OR d.resolved_at > CAST($as_of AS TIMESTAMPTZ))
  AND d.resolution_due_at IS NOT NULL
  AND /*rollup*/
ORDER BY d.resolution_due_at, d.source, d.external_id
LIMIT $limit
