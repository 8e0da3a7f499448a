-- The SLA rollup's unsettled complaints of the filter, with their measures and whether each has ended: judged by
-- Sla/Achievement.sql exactly as the facts are.
SELECT list_contains(string_split($ending_statuses, ','), lower(d.status)) AS ended,
       d.*
FROM sla_unsettled d
WHERE /*rollup*/
