-- The filtered complaints with their SLA measures, and whether each has ended: what Sla/Achievement.sql judges.
SELECT list_contains(string_split($ending_statuses, ','), lower(c.status)) AS ended,
       s.*
FROM complaints c
JOIN complaint_sla s ON s.complaint_key = c.complaint_key
WHERE /*filter*/
