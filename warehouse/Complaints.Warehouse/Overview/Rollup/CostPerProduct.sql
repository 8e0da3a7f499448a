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
       -- The rows hold a few distinct lists of currencies: they are merged, not every row's.
       (SELECT nullif(array_to_string(list_sort(list_distinct(flatten(list(string_split(u.currencies, ','))))), ','), '')
        FROM (SELECT DISTINCT d.unconverted_currencies AS currencies FROM complaint_daily d
              WHERE /*rollup*/ AND d.unconverted_currencies IS NOT NULL) u)
FROM complaint_daily d
WHERE /*rollup*/
