-- Products without a master record still count, under their SKU, so totals always add up.
SELECT c.product_sku,
       coalesce(p.name, c.product_sku)      AS name,
       coalesce(p.product_line, 'Unknown') AS product_line,
       count(*)                            AS complaints
FROM complaints c
LEFT JOIN products p ON p.sku = c.product_sku
WHERE /*filter*/
GROUP BY ALL
ORDER BY complaints DESC, c.product_sku
