SELECT CAST(date_trunc('month', timezone($tz, c.received_at)) AS DATE) AS month,
       count(*)                                                        AS complaints
FROM complaints c
WHERE /*filter*/
GROUP BY month
ORDER BY month
