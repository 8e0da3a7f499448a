-- Satisfaction by how long the complaint took: calendar days from receipt to resolution, in half-open buckets
-- [0,1) [1,3) [3,7) [7,14) [14,…); answers about complaints not resolved (e.g. reopened) are left out.
WITH answers AS (
    SELECT (epoch(c.resolved_at) - epoch(c.received_at)) / 86400.0 AS days, c.complaint_key, s.csat, s.nps
    FROM surveys s
    JOIN complaints c ON c.complaint_key = s.complaint_key
    WHERE c.resolved_at IS NOT NULL AND /*filter*/
)
SELECT CASE WHEN days < 1 THEN 0 WHEN days < 3 THEN 1 WHEN days < 7 THEN 2 WHEN days < 14 THEN 3 ELSE 4 END AS bucket,
       count(DISTINCT complaint_key)       AS complaints,
       /*scores*/
FROM answers
GROUP BY bucket
ORDER BY bucket
