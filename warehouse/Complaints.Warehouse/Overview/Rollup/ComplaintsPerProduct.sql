-- ComplaintsPerProduct.sql over the rollup.
SELECT d.product_sku,
       coalesce(p.name, d.product_sku)      AS name,
       coalesce(p.product_line, 'Unknown') AS product_line,
       CAST(sum(d.complaints) AS BIGINT)   AS complaints
FROM complaint_daily d
LEFT JOIN products p ON p.sku = d.product_sku
WHERE /*rollup*/
GROUP BY ALL
ORDER BY complaints DESC, d.product_sku
