-- The handling-time sketch's bins per product for the filtered days (Rollups/HandlingSketch.cs), in ascending order:
-- OverviewQueries reads medians from them.
SELECT d.product_sku,
       coalesce(p.name, d.product_sku)      AS name,
       coalesce(p.product_line, 'Unknown') AS product_line,
       d.bin,
       CAST(sum(d.resolved) AS BIGINT)     AS resolved
FROM handling_sketch d
LEFT JOIN products p ON p.sku = d.product_sku
WHERE /*rollup*/
GROUP BY ALL
ORDER BY d.product_sku, d.bin
