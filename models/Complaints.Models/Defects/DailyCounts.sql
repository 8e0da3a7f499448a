-- Complaints per product, defect category and local day of receipt: the raw material of every defect signal.
SELECT c.product_sku,
       coalesce(p.product_line, '') AS product_line,
       c.defect_category,
       CAST(timezone($tz, c.received_at) AS DATE) AS day,
       count(*) AS complaints
FROM complaints c
LEFT JOIN products p ON p.sku = c.product_sku
WHERE c.defect_category IS NOT NULL
  AND c.received_at < CAST($before AS TIMESTAMPTZ)
GROUP BY ALL
ORDER BY day
