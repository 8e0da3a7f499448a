-- Costs of the filtered complaints in the reporting currency, from the cost rollup (Costs/CostRollup.sql: each booking
-- converted with its month's rate, else the configured one). The row with a NULL product carries the count and codes
-- of bookings that have no rate: they are reported, not silently dropped.
WITH filtered_costs AS (
    SELECT c.complaint_key, c.product_sku, cc.amount, cc.costs, cc.unconverted
    FROM complaint_costs cc
    JOIN complaints c ON c.complaint_key = cc.complaint_key
    WHERE /*filter*/
)
SELECT f.product_sku,
       coalesce(p.name, f.product_sku)      AS name,
       coalesce(p.product_line, 'Unknown') AS product_line,
       sum(f.amount)                       AS amount,
       0                                   AS unconverted,
       NULL                                AS currencies
FROM filtered_costs f
LEFT JOIN products p ON p.sku = f.product_sku
WHERE f.costs > f.unconverted
GROUP BY ALL
UNION ALL
SELECT NULL, NULL, NULL, NULL,
       coalesce(sum(unconverted), 0),
       (SELECT string_agg(DISTINCT cl.currency, ',' ORDER BY cl.currency)
        FROM cost_lines cl JOIN filtered_costs u ON u.complaint_key = cl.complaint_key
        WHERE u.unconverted > 0 AND cl.amount_reporting IS NULL)
FROM filtered_costs
