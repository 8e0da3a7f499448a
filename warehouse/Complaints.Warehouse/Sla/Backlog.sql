-- Complaints open at an instant (received by then, and not in an ending status or ended only after it; closed with
-- the time unknown is never open), by age in whole days between the local
-- dates of receipt and of the as-of instant in the reporting zone; overdue when the resolution due instant has passed.
WITH open_complaints AS (
    SELECT date_diff('day', CAST(timezone($tz, c.received_at) AS DATE), CAST($as_of_date AS DATE)) AS age_days,
           s.resolution_due_at <= CAST($as_of AS TIMESTAMPTZ)                                     AS overdue
    FROM complaints c
    JOIN complaint_sla s ON s.complaint_key = c.complaint_key
    WHERE c.received_at <= CAST($as_of AS TIMESTAMPTZ)
      AND (NOT list_contains(string_split($ending_statuses, ','), lower(c.status)) OR c.resolved_at > CAST($as_of AS TIMESTAMPTZ))
      AND /*filter*/
)
SELECT CASE WHEN age_days <= 3 THEN '0-3' WHEN age_days <= 7 THEN '4-7' WHEN age_days <= 14 THEN '8-14' ELSE '>14' END AS bucket,
       count(*)                            AS complaints,
       count(*) FILTER (WHERE overdue)     AS overdue
FROM open_complaints
GROUP BY bucket
