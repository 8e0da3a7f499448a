-- Converted cost per month of booking (the finance view of when money went out) over the filtered complaints.
SELECT cl.booked_month,
       coalesce(sum(cl.amount_reporting), 0) AS amount,
       count(*)                              AS costs
FROM cost_lines cl
JOIN complaints c ON c.complaint_key = cl.complaint_key
WHERE /*filter*/
GROUP BY cl.booked_month
ORDER BY cl.booked_month
