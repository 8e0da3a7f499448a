-- Kpis.sql over the rollup, but for the median handling time, which comes from the sketch (or the facts).
SELECT CAST(coalesce(sum(d.complaints), 0) AS BIGINT)                                                            AS received,
       CAST(coalesce(sum(d.complaints) FILTER (WHERE NOT list_contains(string_split($ending_statuses, ','), lower(d.status))), 0) AS BIGINT) AS still_open,
       NULL                                                                                                      AS median_days,
       sum(d.cost_amount)                                                                                        AS cost,
       CAST(sum(d.csat_sum) AS DOUBLE) / nullif(sum(d.csat_answers), 0)                                          AS csat,
       CAST(coalesce(sum(d.complaints - d.resolved) FILTER (WHERE list_contains(string_split($ending_statuses, ','), lower(d.status))), 0) AS BIGINT) AS closed_time_unknown
FROM complaint_daily d
WHERE /*rollup*/
