-- Open complaints by age, from the SLA rollup: every complaint open at or after its cut is unsettled, so the rollup's
-- unsettled complaints alone are judged, as Sla/Backlog.sql judges the facts.
WITH open_complaints AS (
    SELECT date_diff('day', d.received_day, CAST($as_of_date AS DATE)) AS age_days,
           d.resolution_due_at <= CAST($as_of AS TIMESTAMPTZ)           AS overdue
    FROM sla_unsettled d
    WHERE d.received_at <= CAST($as_of AS TIMESTAMPTZ)
      AND (NOT list_contains(string_split($ending_statuses, ','), lower(d.status)) OR d.resolved_at > CAST($as_of AS TIMESTAMPTZ))
      AND /*rollup*/
)
SELECT CASE WHEN age_days <= 3 THEN '0-3' WHEN age_days <= 7 THEN '4-7' WHEN age_days <= 14 THEN '8-14' ELSE '>14' END AS bucket,
       count(*)                            AS complaints,
       count(*) FILTER (WHERE overdue)     AS overdue
FROM open_complaints
GROUP BY bucket
