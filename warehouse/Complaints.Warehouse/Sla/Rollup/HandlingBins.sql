-- Handling-time sketches per product for the filtered days: calendar seconds from receipt to resolution
-- (handling_sketch, the Overview's) and business seconds with pauses left out (business_hours_sketch).
SELECT 'calendar' AS kind, d.product_sku, d.bin, CAST(sum(d.resolved) AS BIGINT) AS resolved
FROM handling_sketch d
WHERE /*rollup*/
GROUP BY ALL
UNION ALL
SELECT 'business', d.product_sku, d.bin, CAST(sum(d.resolved) AS BIGINT)
FROM business_hours_sketch d
WHERE /*rollup*/
GROUP BY ALL
ORDER BY kind, product_sku, bin
