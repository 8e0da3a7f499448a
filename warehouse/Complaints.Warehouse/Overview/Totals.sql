SELECT count(*)                                        AS complaints,
       count(*) FILTER (WHERE c.resolved_at IS NOT NULL) AS resolved,
       count(*) FILTER (WHERE c.resolved_at IS NULL)     AS open,
       CAST(min(timezone($tz, c.received_at)) AS DATE)   AS first_received,
       CAST(max(timezone($tz, c.received_at)) AS DATE)   AS last_received
FROM complaints c
WHERE /*filter*/
