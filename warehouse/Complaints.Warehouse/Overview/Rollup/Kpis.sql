-- Kpis.sql over the rollup, summed per status first (as Rollup/Totals.sql), but for the median handling time, which
-- comes from the sketch (or the facts).
WITH per_status AS (
    SELECT d.status, sum(d.complaints) AS complaints, sum(d.resolved) AS resolved, sum(d.cost_amount) AS cost,
           sum(d.csat_sum) AS csat_sum, sum(d.csat_answers) AS csat_answers
    FROM complaint_daily d
    WHERE /*rollup*/
    GROUP BY d.status
)
SELECT CAST(coalesce(sum(complaints), 0) AS BIGINT)                                                              AS received,
       CAST(coalesce(sum(complaints) FILTER (WHERE NOT list_contains(string_split($ending_statuses, ','), lower(status))), 0) AS BIGINT) AS still_open,
       NULL                                                                                                      AS median_days,
       sum(cost)                                                                                                 AS cost,
       CAST(sum(csat_sum) AS DOUBLE) / nullif(sum(csat_answers), 0)                                              AS csat,
       CAST(coalesce(sum(complaints - resolved) FILTER (WHERE list_contains(string_split($ending_statuses, ','), lower(status))), 0) AS BIGINT) AS closed_time_unknown
FROM per_status
