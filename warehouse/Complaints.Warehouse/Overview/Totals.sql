-- First and last receipt come back as instants; OverviewQueries turns them into reporting-zone dates,
-- which spares converting every row's time zone. Open follows the status; closed without a resolution date is
-- counted apart (closed, time unknown: in no handling time).
SELECT count(*)                                                                       AS complaints,
       count(*) FILTER (WHERE c.resolved_at IS NOT NULL)                              AS resolved,
       count(*) FILTER (WHERE NOT list_contains(string_split($ending_statuses, ','), lower(c.status))) AS open,
       min(c.received_at)                                                             AS first_received,
       max(c.received_at)                                                             AS last_received,
       count(*) FILTER (WHERE c.resolved_at IS NULL
                          AND list_contains(string_split($ending_statuses, ','), lower(c.status))) AS closed_time_unknown
FROM complaints c
WHERE /*filter*/
