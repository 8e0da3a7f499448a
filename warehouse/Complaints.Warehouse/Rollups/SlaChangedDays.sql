-- The days the SLA rollup must build again after a write: the days of the complaints a load measured after the last
-- one it holds, or a roll-back measured (sla_rollup_keys), and the days whose complaints are no longer those it counted
-- (a correction moved a complaint to another day, a roll-back removed it), found by comparing each day's count and
-- key-hash sum with the Overview rollup's, which the write kept in step with the facts.
CREATE OR REPLACE TEMP TABLE sla_rollup_days AS
SELECT DISTINCT CAST(timezone($tz, c.received_at) AS DATE) AS day
FROM complaints c
WHERE c.complaint_key IN (SELECT complaint_key FROM complaint_sla
                          WHERE computed_by_run > coalesce((SELECT measured_run FROM sla_rollup_state WHERE id = 1), -1)
                          UNION ALL
                          SELECT complaint_key FROM sla_rollup_keys)
UNION
SELECT coalesce(o.day, s.day)
FROM (SELECT received_day AS day, sum(complaints) AS complaints, sum(key_hash_sum) AS key_hash_sum
      FROM complaint_daily GROUP BY day) o
FULL JOIN (SELECT day, sum(complaints) AS complaints, sum(key_hash_sum) AS key_hash_sum
           FROM (SELECT received_day AS day, complaints, key_hash_sum FROM sla_daily
                 UNION ALL
                 SELECT received_day, 1, hash(complaint_key) FROM sla_unsettled)
           GROUP BY day) s ON s.day = o.day
WHERE o.complaints IS DISTINCT FROM s.complaints OR o.key_hash_sum IS DISTINCT FROM s.key_hash_sum;
