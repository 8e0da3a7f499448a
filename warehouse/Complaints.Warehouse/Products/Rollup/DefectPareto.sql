-- DefectPareto.sql over the Overview's rollup.
SELECT d.defect_category, CAST(sum(d.complaints) AS BIGINT) AS complaints
FROM complaint_daily d
WHERE /*rollup*/
GROUP BY ALL
ORDER BY complaints DESC, d.defect_category NULLS LAST
