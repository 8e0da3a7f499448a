-- Totals.sql over the rollup (Rollups/ComplaintRollup.cs): the same figures, summed from days × products × categories
-- × channels × statuses. Open follows the status, as there.
SELECT CAST(coalesce(sum(d.complaints), 0) AS BIGINT)                                                            AS complaints,
       CAST(coalesce(sum(d.resolved), 0) AS BIGINT)                                                              AS resolved,
       CAST(coalesce(sum(d.complaints) FILTER (WHERE NOT list_contains(string_split($ending_statuses, ','), lower(d.status))), 0) AS BIGINT) AS open,
       min(d.first_received)                                                                                     AS first_received,
       max(d.last_received)                                                                                      AS last_received,
       CAST(coalesce(sum(d.complaints - d.resolved) FILTER (WHERE list_contains(string_split($ending_statuses, ','), lower(d.status))), 0) AS BIGINT) AS closed_time_unknown
FROM complaint_daily d
WHERE /*rollup*/
