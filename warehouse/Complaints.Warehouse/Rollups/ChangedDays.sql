-- Days whose complaints are no longer those the rollup counted (after a roll-back of complaints, which removes some and
-- gives others back their earlier day of receipt): their count or the sum of their keys' hashes differs.
INSERT INTO rollup_days
SELECT coalesce(f.day, r.day)
FROM (SELECT CAST(timezone($tz, received_at) AS DATE) AS day, count(*) AS complaints, sum(hash(complaint_key)) AS key_hash_sum
      FROM complaints GROUP BY day) f
FULL JOIN (SELECT received_day AS day, sum(complaints) AS complaints, sum(key_hash_sum) AS key_hash_sum
           FROM complaint_daily GROUP BY day) r ON r.day = f.day
WHERE f.complaints IS DISTINCT FROM r.complaints OR f.key_hash_sum IS DISTINCT FROM r.key_hash_sum
