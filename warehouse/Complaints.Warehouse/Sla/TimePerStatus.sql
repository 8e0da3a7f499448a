-- Where the time goes: each status change opens an interval that the complaint's next change closes; the last,
-- still open, interval is left out. Median and total hours per status over the filtered complaints.
WITH intervals AS (
    SELECT e.to_status AS status,
           epoch(lead(e.occurred_at) OVER (PARTITION BY e.complaint_key ORDER BY e.occurred_at)) - epoch(e.occurred_at) AS seconds
    FROM status_events e
    JOIN complaints c ON c.complaint_key = e.complaint_key
    WHERE /*filter*/
)
SELECT status,
       count(*)                          AS intervals,
       quantile_cont(seconds / 3600.0, 0.5) AS median_hours,
       sum(seconds) / 3600.0             AS total_hours
FROM intervals
WHERE seconds IS NOT NULL
GROUP BY status
ORDER BY total_hours DESC, status
