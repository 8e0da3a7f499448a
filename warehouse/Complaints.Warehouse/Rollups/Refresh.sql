-- Builds the rollup's rows again for the days in rollup_days (local days of receipt in $tz), or for every day when
-- /*days*/ is TRUE: the complaints of those days with their converted costs and survey scores, grouped at the rollup's
-- grain. $lo and $hi bound the days' instants loosely so that DuckDB skips the row groups of other days. Rows go in by
-- day, so a period filter on the rollup skips the row groups of other days too.
DELETE FROM complaint_daily d WHERE /*days*/;
DELETE FROM handling_sketch d WHERE /*days*/;

CREATE OR REPLACE TEMP TABLE rollup_complaints AS
SELECT c.complaint_key,
       CAST(timezone($tz, c.received_at) AS DATE) AS received_day,
       c.product_sku, c.defect_category, c.channel, c.status, c.received_at, c.resolved_at
FROM complaints c
WHERE c.received_at >= CAST($lo AS TIMESTAMPTZ) AND c.received_at < CAST($hi AS TIMESTAMPTZ);

DELETE FROM rollup_complaints d WHERE NOT (/*days*/);

INSERT INTO complaint_daily
SELECT r.received_day, r.product_sku, r.defect_category, r.channel, r.status,
       count(*)                                                    AS complaints,
       count(r.resolved_at)                                        AS resolved,
       min(r.received_at)                                          AS first_received,
       max(r.received_at)                                          AS last_received,
       CAST(coalesce(sum(cc.amount), 0) AS DECIMAL(18,2))          AS cost_amount,
       coalesce(sum(cc.unconverted), 0)                            AS cost_unconverted,
       count(*) FILTER (WHERE cc.costs > cc.unconverted)           AS costed_converted,
       nullif(array_to_string(list_sort(list_distinct(flatten(list(uc.currencies) FILTER (WHERE uc.currencies IS NOT NULL)))), ','), '') AS unconverted_currencies,
       coalesce(sum(sv.csat_sum), 0)                               AS csat_sum,
       coalesce(sum(sv.csat_answers), 0)                           AS csat_answers,
       sum(hash(r.complaint_key))                                  AS key_hash_sum
FROM rollup_complaints r
LEFT JOIN complaint_costs cc ON cc.complaint_key = r.complaint_key
LEFT JOIN (SELECT cl.complaint_key, list(DISTINCT cl.currency) AS currencies
           FROM cost_lines cl
           WHERE cl.amount_reporting IS NULL AND cl.complaint_key IN (SELECT complaint_key FROM rollup_complaints)
           GROUP BY cl.complaint_key) uc ON uc.complaint_key = r.complaint_key
LEFT JOIN (SELECT s.complaint_key, sum(s.csat) AS csat_sum, count(s.csat) AS csat_answers
           FROM surveys s
           WHERE s.complaint_key IN (SELECT complaint_key FROM rollup_complaints)
           GROUP BY s.complaint_key) sv ON sv.complaint_key = r.complaint_key
GROUP BY ALL
ORDER BY r.received_day;

INSERT INTO handling_sketch
SELECT r.received_day, r.product_sku, /*bin*/ AS bin, count(*) AS resolved
FROM rollup_complaints r
WHERE r.resolved_at IS NOT NULL
GROUP BY ALL
ORDER BY r.received_day;

DROP TABLE rollup_complaints;

INSERT OR REPLACE INTO complaint_rollup_state
SELECT 1, $tz, (SELECT currency FROM cost_rollup_state WHERE id = 1), (SELECT rates FROM cost_rollup_state WHERE id = 1), $at;
