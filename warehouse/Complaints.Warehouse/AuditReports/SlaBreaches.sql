-- SLA breaches of the register, one row per complaint and target breached, judged as Sla/Achievement.sql judges them
-- at $as_of: a stored breached flag decides; without one, a due instant passed while the complaint is open. How far
-- over is calendar hours from the due instant to the response or resolution (or to $as_of while still missing).
WITH judged AS (
    SELECT c.source, c.external_id, c.received_at, c.first_response_at, c.resolved_at, s.policy_name,
           s.first_response_due_at, s.resolution_due_at, s.first_response_breached, s.resolution_breached,
           list_contains(string_split($ending_statuses, ','), lower(c.status)) AS ended
    FROM /*complaints*/ c
    JOIN /*sla*/ s ON s.complaint_key = c.complaint_key
    WHERE /*filter*/
),
breaches AS (
    SELECT source, external_id, received_at, policy_name, 'first_response' AS target, first_response_due_at AS due_at, first_response_at AS done_at
    FROM judged
    WHERE coalesce(first_response_breached, NOT ended AND first_response_due_at <= CAST($as_of AS TIMESTAMPTZ))
    UNION ALL
    SELECT source, external_id, received_at, policy_name, 'resolution', resolution_due_at, resolved_at
    FROM judged
    WHERE coalesce(resolution_breached, NOT ended AND resolution_due_at <= CAST($as_of AS TIMESTAMPTZ))
)
SELECT source,
       external_id,
       received_at                                   AS received,
       policy_name                                   AS policy,
       target,
       due_at                                        AS due,
       done_at                                       AS done,
       CAST(round((epoch(coalesce(done_at, CAST($as_of AS TIMESTAMPTZ))) - epoch(due_at)) / 3600.0, 2) AS DOUBLE) AS hours_over
FROM breaches
ORDER BY received_at, source, external_id, target
