-- The days the SLA rollup must build again after a write: the days of the complaints a load measured after the last
-- one it holds, or a roll-back measured (sla_rollup_keys), and the days a load's correction moved a complaint from,
-- which the version it replaced names.
CREATE OR REPLACE TEMP TABLE sla_rollup_days AS
WITH held AS (SELECT coalesce((SELECT measured_run FROM sla_rollup_state WHERE id = 1), -1) AS run)
SELECT DISTINCT CAST(timezone($tz, c.received_at) AS DATE) AS day
FROM complaints c
WHERE c.complaint_key IN (SELECT complaint_key FROM complaint_sla WHERE computed_by_run > (SELECT run FROM held)
                          UNION ALL
                          SELECT complaint_key FROM sla_rollup_keys)
UNION
SELECT CAST(timezone($tz, v.received_at) AS DATE)
FROM complaint_versions v
WHERE v.superseded_by_run > (SELECT run FROM held);
