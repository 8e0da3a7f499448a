-- The complaints' cells and the period of SalesCells.sql from the Overview's rollup: its days are local days of receipt,
-- so a complaint's month is its day's, and its first and last days are the warehouse's.
complaint_cells AS (
    SELECT d.product_sku AS sku, CAST(date_trunc('month', d.received_day) AS DATE) AS month, CAST(sum(d.complaints) AS BIGINT) AS complaints
    FROM complaint_daily d
    WHERE /*rollup*/
    GROUP BY ALL
),
period AS (
    SELECT coalesce(CAST($from_day AS DATE), CAST(date_trunc('month', min(received_day)) AS DATE)) AS first_day,
           coalesce(CAST($to_day AS DATE), last_day(max(received_day)))                          AS last_day
    FROM complaint_daily
)
