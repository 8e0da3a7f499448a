-- Cost of complaints per 1,000 units sold, per product, where units_sold has data: units of the months the filter's
-- dates touch ($from_month..$to_month, open ends for unset dates) against the converted cost of the product's filtered
-- complaints received (local month) in the months that have units. The product and line filters narrow the products.
-- Each complaint's local month by an as-of join on the months' first instants: converting every row's time zone took
-- two and a half times as long at a million complaints.
WITH months AS (
    SELECT CAST(m AS DATE) AS month, timezone($tz, m) AS starts
    FROM (SELECT unnest(generate_series(date_trunc('month', timezone($tz, min(received_at))), timezone($tz, max(received_at)), INTERVAL 1 MONTH)) AS m
          FROM complaints)
),
sales AS (
    SELECT u.sku, u.month, u.units
    FROM units_sold u
    WHERE (CAST($from_month AS DATE) IS NULL OR u.month >= CAST($from_month AS DATE))
      AND (CAST($to_month AS DATE) IS NULL OR u.month <= CAST($to_month AS DATE))
      AND (CAST($product AS VARCHAR) IS NULL OR u.sku = $product)
      AND (CAST($line AS VARCHAR) IS NULL OR u.sku IN (SELECT p.sku FROM products p WHERE p.product_line = $line))
),
monthly_costs AS (
    SELECT c.product_sku AS sku, m.month, sum(cc.amount) AS amount
    FROM complaints c
    JOIN complaint_costs cc ON cc.complaint_key = c.complaint_key
    ASOF JOIN months m ON c.received_at >= m.starts
    WHERE c.product_sku IN (SELECT sku FROM sales) AND /*filter*/
    GROUP BY ALL
),
per_product AS (
    SELECT s.sku, sum(s.units) AS units, coalesce(sum(k.amount), 0) AS amount
    FROM sales s
    LEFT JOIN monthly_costs k ON k.sku = s.sku AND k.month = s.month
    GROUP BY s.sku
)
SELECT pp.sku,
       coalesce(p.name, pp.sku)             AS name,
       coalesce(p.product_line, 'Unknown') AS product_line,
       pp.amount,
       pp.units
FROM per_product pp
LEFT JOIN products p ON p.sku = pp.sku
WHERE pp.units > 0
ORDER BY pp.amount * 1000.0 / pp.units DESC, pp.sku
