-- The complaints' cells and the period of SalesCells.sql from the facts. Each complaint's local month by an as-of join
-- on the months' first instants: converting every row's time zone took two and a half times as long at a million complaints.
months AS (
    SELECT CAST(m AS DATE) AS month, timezone($tz, m) AS starts
    FROM (SELECT unnest(generate_series(date_trunc('month', timezone($tz, min(received_at))), timezone($tz, max(received_at)), INTERVAL 1 MONTH)) AS m
          FROM complaints)
),
complaint_cells AS (
    SELECT c.product_sku AS sku, m.month, count(*) AS complaints
    FROM complaints c
    ASOF JOIN months m ON c.received_at >= m.starts
    WHERE /*filter*/
    GROUP BY ALL
),
period AS (
    SELECT coalesce(CAST($from_day AS DATE), CAST(date_trunc('month', timezone($tz, min(received_at))) AS DATE)) AS first_day,
           coalesce(CAST($to_day AS DATE), last_day(CAST(timezone($tz, max(received_at)) AS DATE))) AS last_day
    FROM complaints
)
