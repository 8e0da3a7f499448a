-- Survey answers per value of one dimension of their complaint. /*dimension*/ and /*label*/ are replaced by fixed
-- column expressions chosen in FeedbackQueries, never by request text; the scores placeholder by Scores.Columns.
SELECT /*dimension*/                       AS value,
       /*label*/                           AS label,
       count(DISTINCT c.complaint_key)     AS complaints,
       /*scores*/
FROM surveys s
JOIN complaints c ON c.complaint_key = s.complaint_key
LEFT JOIN products p ON p.sku = c.product_sku
WHERE /*filter*/
GROUP BY ALL
ORDER BY answers DESC, value
