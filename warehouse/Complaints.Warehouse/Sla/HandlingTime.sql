-- Handling time of resolved complaints per product: calendar days from receipt to resolution (as on the Overview),
-- and business hours with the SLA pauses left out, from the stored measures. Apart, then joined: one grouping that
-- also carried the measures' join took half as long again at a million complaints.
WITH calendar AS (
    SELECT c.product_sku,
           count(*)                                                                        AS resolved,
           quantile_cont((epoch(c.resolved_at) - epoch(c.received_at)) / 86400.0, [0.5, 0.9]) AS days
    FROM complaints c
    WHERE c.resolved_at IS NOT NULL AND /*filter*/
    GROUP BY ALL
),
business AS (
    SELECT c.product_sku,
           quantile_cont(s.resolution_business_seconds / 3600.0, 0.5) AS median_hours
    FROM complaints c
    JOIN complaint_sla s ON s.complaint_key = c.complaint_key
    WHERE c.resolved_at IS NOT NULL AND /*filter*/
    GROUP BY ALL
)
SELECT k.product_sku,
       coalesce(p.name, k.product_sku)     AS name,
       coalesce(p.product_line, 'Unknown') AS product_line,
       k.resolved,
       k.days[1]                           AS median_days,
       k.days[2]                           AS p90_days,
       b.median_hours                      AS median_business_hours
FROM calendar k
LEFT JOIN business b ON b.product_sku = k.product_sku
LEFT JOIN products p ON p.sku = k.product_sku
ORDER BY median_days DESC, k.product_sku
