-- Costs of the filtered complaints in the reporting currency. The row with a NULL product carries the
-- count and codes of costs whose currency has no rate: they are reported, not silently dropped.
WITH filtered_costs AS (
    SELECT c.product_sku, k.amount, upper(k.currency) AS currency, r.rate
    FROM costs k
    JOIN complaints c ON c.complaint_key = k.complaint_key
    LEFT JOIN reporting_rates r ON r.currency = upper(k.currency)
    WHERE /*filter*/
)
SELECT f.product_sku,
       coalesce(p.name, f.product_sku)      AS name,
       coalesce(p.product_line, 'Unknown') AS product_line,
       sum(f.amount * f.rate)              AS amount,
       0                                   AS unconverted,
       NULL                                AS currencies
FROM filtered_costs f
LEFT JOIN products p ON p.sku = f.product_sku
WHERE f.rate IS NOT NULL
GROUP BY ALL
UNION ALL
SELECT NULL, NULL, NULL, NULL,
       count(*) FILTER (WHERE rate IS NULL),
       string_agg(DISTINCT currency, ',' ORDER BY currency) FILTER (WHERE rate IS NULL)
FROM filtered_costs
