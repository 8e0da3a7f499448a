-- Converted cost per cost type over the filtered complaints' bookings; complaints counts those with a booking of the type.
SELECT cl.cost_type,
       coalesce(sum(cl.amount_reporting), 0)             AS amount,
       count(*)                                          AS costs,
       count(DISTINCT cl.complaint_key)                  AS complaints,
       count(*) FILTER (WHERE cl.amount_reporting IS NULL) AS unconverted
FROM cost_lines cl
JOIN complaints c ON c.complaint_key = cl.complaint_key
WHERE /*filter*/
GROUP BY cl.cost_type
ORDER BY amount DESC, cl.cost_type
