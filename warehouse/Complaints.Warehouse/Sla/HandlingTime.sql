-- Handling time of resolved complaints per product: calendar days from receipt to resolution (as on the Overview),
-- and business hours with the SLA pauses left out, from the stored measures.
SELECT c.product_sku,
       coalesce(p.name, c.product_sku)                                            AS name,
       coalesce(p.product_line, 'Unknown')                                        AS product_line,
       count(*)                                                                   AS resolved,
       quantile_cont((epoch(c.resolved_at) - epoch(c.received_at)) / 86400.0, 0.5) AS median_days,
       quantile_cont((epoch(c.resolved_at) - epoch(c.received_at)) / 86400.0, 0.9) AS p90_days,
       quantile_cont(s.resolution_business_seconds / 3600.0, 0.5)                 AS median_business_hours
FROM complaints c
JOIN complaint_sla s ON s.complaint_key = c.complaint_key
LEFT JOIN products p ON p.sku = c.product_sku
WHERE c.resolved_at IS NOT NULL AND /*filter*/
GROUP BY ALL
ORDER BY median_days DESC, c.product_sku
