-- Converted cost per product, and the complaints with any cost behind it (those the costed=true drill-down lists).
SELECT c.product_sku,
       coalesce(p.name, c.product_sku)      AS name,
       coalesce(p.product_line, 'Unknown') AS product_line,
       sum(cc.amount)                      AS amount,
       count(*)                            AS complaints
FROM complaints c
JOIN complaint_costs cc ON cc.complaint_key = c.complaint_key
LEFT JOIN products p ON p.sku = c.product_sku
WHERE /*filter*/
GROUP BY ALL
ORDER BY amount DESC, c.product_sku
