-- Trend.sql over the rollup: its days are already local days of receipt, so periods are cut from them directly.
SELECT CAST(date_trunc(CAST($bucket AS VARCHAR), d.received_day) AS DATE) AS period,
       CAST(sum(d.complaints) AS BIGINT)                                 AS complaints
FROM complaint_daily d
WHERE /*rollup*/
GROUP BY period
ORDER BY period
