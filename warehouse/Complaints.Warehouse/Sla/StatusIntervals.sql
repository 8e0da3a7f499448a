-- The status intervals of the complaints in sla_touched, measured again from all of their status events.
DELETE FROM status_intervals WHERE complaint_key IN (SELECT complaint_key FROM sla_touched);
INSERT INTO status_intervals
SELECT complaint_key, status, seconds
FROM (
    SELECT e.complaint_key, e.to_status AS status,
           epoch(lead(e.occurred_at) OVER (PARTITION BY e.complaint_key ORDER BY e.occurred_at)) - epoch(e.occurred_at) AS seconds
    FROM status_events e
    JOIN sla_touched t ON t.complaint_key = e.complaint_key
)
WHERE seconds IS NOT NULL;
