-- CostPerProduct.sql over the rollup: products with a converted booking, and one row (NULL product) with the count and
-- currencies of bookings that have no rate.
SELECT d.product_sku,
       coalesce(p.name, d.product_sku)      AS name,
       coalesce(p.product_line, 'Unknown') AS product_line,
       sum(d.cost_amount)                  AS amount,
       0                                   AS unconverted,
       NULL                                AS currencies
FROM complaint_daily d
LEFT JOIN products p ON p.sku = d.product_sku
WHERE /*rollup*/
GROUP BY ALL
HAVING sum(d.costed_converted) > 0
UNION ALL
SELECT NULL, NULL, NULL, NULL,
       CAST(coalesce(sum(d.cost_unconverted), 0) AS BIGINT),
       array_to_string(list_sort(list_distinct(flatten(list(d.unconverted_currencies) FILTER (WHERE d.cost_unconverted > 0)))), ',')
FROM complaint_daily d
WHERE /*rollup*/
