-- One row per (product, month) that has complaints or units sold in the period: the complaints received in it
-- (through the shared filter) and its units sold. Months are calendar months of the reporting zone. The period is
-- the filter's days, where a month cut by the period's edge counts its units pro rata by day; without dates it is
-- the whole months from the warehouse's first complaint to its last. Units follow only the product and
-- product-line filters: a rate "per 1,000 units" of, say, one channel's complaints divides by all units of the product.
-- The complaints' cells and the period come first: from the facts (SalesCells.Facts.sql) or, where it covers the filter,
-- from the Overview's rollup (Rollup/SalesCells.sql).
WITH /*cells*/
sales_cells AS (
    SELECT u.sku, u.month,
           u.units * (datediff('day', greatest(u.month, p.first_day), least(last_day(u.month), p.last_day)) + 1)
                   / (datediff('day', u.month, last_day(u.month)) + 1) AS units
    FROM units_sold u, period p
    WHERE u.month <= p.last_day AND last_day(u.month) >= p.first_day
      AND ($product IS NULL OR u.sku = $product)
      AND ($line IS NULL OR u.sku IN (SELECT sku FROM products WHERE product_line = $line))
)
SELECT coalesce(c.sku, s.sku)                         AS sku,
       coalesce(p.name, coalesce(c.sku, s.sku))       AS name,
       coalesce(p.product_line, 'Unknown')            AS product_line,
       coalesce(c.month, s.month)                     AS month,
       coalesce(c.complaints, 0)                      AS complaints,
       s.units                                        AS units
FROM complaint_cells c
FULL JOIN sales_cells s ON s.sku = c.sku AND s.month = c.month
LEFT JOIN products p ON p.sku = coalesce(c.sku, s.sku)
ORDER BY sku, month
