-- Complaints per defect category, most frequent first; complaints without a category are one group of their own.
SELECT c.defect_category, count(*) AS complaints
FROM complaints c
WHERE /*filter*/
GROUP BY ALL
ORDER BY complaints DESC, c.defect_category NULLS LAST
