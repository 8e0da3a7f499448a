-- First and last receipt come back as instants; OverviewQueries turns them into reporting-zone dates,
-- which spares converting every row's time zone.
SELECT count(*)                                          AS complaints,
       count(*) FILTER (WHERE c.resolved_at IS NOT NULL) AS resolved,
       count(*) FILTER (WHERE c.resolved_at IS NULL)     AS open,
       min(c.received_at)                                AS first_received,
       max(c.received_at)                                AS last_received
FROM complaints c
WHERE /*filter*/
