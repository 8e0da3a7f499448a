-- After a roll-back, which names what it changed but not the days it emptied: the days whose complaints are no longer
-- those the SLA rollup counted, found by comparing each day's count and key-hash sum with the Overview rollup's, which
-- the roll-back kept in step with the facts.
INSERT INTO sla_rollup_days
SELECT coalesce(o.day, s.day)
FROM (SELECT received_day AS day, sum(complaints) AS complaints, sum(key_hash_sum) AS key_hash_sum
      FROM complaint_daily GROUP BY day) o
FULL JOIN (SELECT day, sum(complaints) AS complaints, sum(key_hash_sum) AS key_hash_sum
           FROM (SELECT received_day AS day, complaints, key_hash_sum FROM sla_daily
                 UNION ALL
                 SELECT received_day, 1, hash(complaint_key) FROM sla_unsettled)
           GROUP BY day) s ON s.day = o.day
WHERE o.complaints IS DISTINCT FROM s.complaints OR o.key_hash_sum IS DISTINCT FROM s.key_hash_sum;
