-- Totals.sql over the rollup (Rollups/ComplaintRollup.cs): the same figures, summed from days × products × categories
-- × channels × statuses. Summed per status first, so that whether a status ends a complaint is asked a few times, not
-- once a row. Open follows the status, as there.
WITH per_status AS (
    SELECT d.status, sum(d.complaints) AS complaints, sum(d.resolved) AS resolved,
           min(d.first_received) AS first_received, max(d.last_received) AS last_received
    FROM complaint_daily d
    WHERE /*rollup*/
    GROUP BY d.status
)
SELECT CAST(coalesce(sum(complaints), 0) AS BIGINT)                                                              AS complaints,
       CAST(coalesce(sum(resolved), 0) AS BIGINT)                                                                AS resolved,
       CAST(coalesce(sum(complaints) FILTER (WHERE NOT list_contains(string_split($ending_statuses, ','), lower(status))), 0) AS BIGINT) AS open,
       min(first_received)                                                                                       AS first_received,
       max(last_received)                                                                                        AS last_received,
       CAST(coalesce(sum(complaints - resolved) FILTER (WHERE list_contains(string_split($ending_statuses, ','), lower(status))), 0) AS BIGINT) AS closed_time_unknown
FROM per_status
