-- Currencies of the filtered complaints' bookings that have no rate (the cost rollup leaves them unconverted).
SELECT string_agg(DISTINCT cl.currency, ',' ORDER BY cl.currency)
FROM cost_lines cl
JOIN complaints c ON c.complaint_key = cl.complaint_key
WHERE cl.amount_reporting IS NULL AND /*filter*/
