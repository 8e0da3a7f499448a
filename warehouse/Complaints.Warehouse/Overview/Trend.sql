-- Count per quarter-hour of UTC first (integer arithmetic over every row), then turn the few thousand
-- buckets into reporting-zone periods. Exact for any zone whose offset is a multiple of 15 minutes, as all are.
-- $bucket is day, week (ISO: starting Monday), month or quarter.
WITH quarter_hours AS (
    SELECT CAST(epoch(c.received_at) AS BIGINT) // 900 AS quarter_hour, count(*) AS complaints
    FROM complaints c
    WHERE /*filter*/
    GROUP BY quarter_hour
)
SELECT CAST(date_trunc(CAST($bucket AS VARCHAR), timezone($tz, to_timestamp(quarter_hour * 900))) AS DATE) AS period,
       sum(complaints)                                                                                  AS complaints
FROM quarter_hours
GROUP BY period
ORDER BY period
