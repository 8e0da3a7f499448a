-- Where the time goes: median and total hours per status over the filtered complaints' closed intervals
-- (status_intervals: each change opens an interval that the complaint's next change closes).
SELECT i.status,
       count(*)                               AS intervals,
       quantile_cont(i.seconds / 3600.0, 0.5) AS median_hours,
       sum(i.seconds) / 3600.0                AS total_hours
FROM status_intervals i
JOIN complaints c ON c.complaint_key = i.complaint_key
WHERE /*filter*/
GROUP BY i.status
ORDER BY total_hours DESC, i.status
