-- Kpis.sql's median handling time alone, from the facts, for filters the handling-time sketch does not answer.
SELECT median(epoch(c.resolved_at) - epoch(c.received_at)) / 86400.0 AS median_days
FROM complaints c
WHERE c.resolved_at IS NOT NULL AND /*filter*/
