-- Builds the SLA rollup's rows again for the days in sla_rollup_days (local days of receipt in $tz), or for every day
-- when /*days*/ is TRUE. $lo and $hi bound the days' instants loosely so that DuckDB skips the row groups of other
-- days; $cut is the instant of this refresh. A complaint is settled when it is ended, every target it has is decided by
-- a stored flag, and nothing about it lies after the cut; settled complaints are counted, the rest kept one by one.
DELETE FROM sla_daily d WHERE /*days*/;
DELETE FROM sla_unsettled d WHERE /*days*/;
DELETE FROM business_hours_sketch d WHERE /*days*/;
DELETE FROM status_time_sketch d WHERE /*days*/;

-- The measures and status intervals are read within the key range of the days' complaints, which lets DuckDB skip
-- the row groups of other keys (a day's complaints were mostly loaded together): a quarter of the time for one day.
CREATE OR REPLACE TEMP TABLE sla_rollup_complaints AS
WITH in_range AS (
    SELECT * FROM complaints c
    WHERE c.received_at >= CAST($lo AS TIMESTAMPTZ) AND c.received_at < CAST($hi AS TIMESTAMPTZ)
)
SELECT c.complaint_key,
       CAST(timezone($tz, c.received_at) AS DATE) AS received_day,
       c.product_sku, c.defect_category, c.channel, c.status, cu.segment, c.team, c.source, c.external_id,
       c.received_at, c.resolved_at,
       s.policy_name, s.first_response_due_at, s.resolution_due_at, s.statutory_due_at,
       s.first_response_breached, s.resolution_breached, s.statutory_met, s.reopen_count, s.resolution_business_seconds,
       NOT list_contains(string_split($ending_statuses, ','), lower(c.status))
           OR (s.first_response_breached IS NULL AND s.first_response_due_at IS NOT NULL)
           OR s.resolution_breached IS NULL OR s.statutory_met IS NULL
           OR c.received_at > CAST($cut AS TIMESTAMPTZ) OR c.resolved_at > CAST($cut AS TIMESTAMPTZ) AS unsettled
FROM in_range c
JOIN complaint_sla s ON s.complaint_key = c.complaint_key
LEFT JOIN customers cu ON cu.source = c.source AND cu.customer_id = c.customer_id
WHERE s.complaint_key BETWEEN (SELECT min(complaint_key) FROM in_range) AND (SELECT max(complaint_key) FROM in_range);

DELETE FROM sla_rollup_complaints d WHERE NOT (/*days*/);

INSERT INTO sla_daily
SELECT r.received_day, r.product_sku, r.defect_category, r.channel, r.status, r.segment, r.team,
       count(*)                                                                        AS complaints,
       count(r.first_response_breached)                                                AS first_response_decided,
       count(*) FILTER (WHERE NOT r.first_response_breached)                           AS first_response_met,
       count(r.resolution_breached)                                                    AS resolution_decided,
       count(*) FILTER (WHERE NOT r.resolution_breached)                               AS resolution_met,
       count(r.statutory_met)                                                          AS statutory_decided,
       count(*) FILTER (WHERE r.statutory_met)                                         AS statutory_met,
       count(*) FILTER (WHERE r.reopen_count > 0)                                      AS reopened,
       count(*) FILTER (WHERE r.first_response_breached OR r.resolution_breached)      AS breached,
       count(*) FILTER (WHERE r.first_response_breached)                               AS first_response_breached,
       count(*) FILTER (WHERE r.resolution_breached)                                   AS resolution_breached,
       sum(hash(r.complaint_key))                                                      AS key_hash_sum
FROM sla_rollup_complaints r
WHERE NOT r.unsettled
GROUP BY ALL
ORDER BY r.received_day;

INSERT INTO sla_unsettled
SELECT r.complaint_key, r.received_day, r.product_sku, r.defect_category, r.channel, r.status, r.segment, r.team,
       r.source, r.external_id, r.received_at, r.resolved_at, r.policy_name,
       r.first_response_due_at, r.resolution_due_at, r.statutory_due_at,
       r.first_response_breached, r.resolution_breached, r.statutory_met, r.reopen_count
FROM sla_rollup_complaints r
WHERE r.unsettled
ORDER BY r.received_day;

INSERT INTO business_hours_sketch
SELECT r.received_day, r.product_sku, /*business_bin*/ AS bin, count(*) AS resolved
FROM sla_rollup_complaints r
WHERE r.resolved_at IS NOT NULL AND r.resolution_business_seconds IS NOT NULL
GROUP BY ALL
ORDER BY r.received_day;

INSERT INTO status_time_sketch
SELECT r.received_day, r.product_sku, i.status, /*interval_bin*/ AS bin, count(*) AS intervals, sum(i.seconds) AS seconds
FROM status_intervals i
JOIN sla_rollup_complaints r ON r.complaint_key = i.complaint_key
WHERE i.complaint_key BETWEEN (SELECT min(complaint_key) FROM sla_rollup_complaints) AND (SELECT max(complaint_key) FROM sla_rollup_complaints)
GROUP BY ALL
ORDER BY r.received_day;

DROP TABLE sla_rollup_complaints;

INSERT OR REPLACE INTO sla_rollup_state
SELECT 1, $tz, $ending_statuses,
       greatest(CAST($cut AS TIMESTAMPTZ), (SELECT max(cut_at) FROM sla_rollup_state WHERE time_zone = $tz AND ending_statuses = $ending_statuses)),
       (SELECT max(computed_by_run) FROM complaint_sla);
