-- Calendar time from receipt to resolution, in days; open complaints have no handling time yet.
SELECT c.product_sku,
       coalesce(p.name, c.product_sku)      AS name,
       coalesce(p.product_line, 'Unknown') AS product_line,
       median(epoch(c.resolved_at) - epoch(c.received_at)) / 86400.0 AS median_days,
       count(*)                            AS resolved
FROM complaints c
LEFT JOIN products p ON p.sku = c.product_sku
WHERE c.resolved_at IS NOT NULL AND /*filter*/
GROUP BY ALL
ORDER BY median_days DESC, c.product_sku
