-- Complaints whose resolution target was breached, and those that missed the statutory deadline, per product line,
-- judged as of an instant as the SLA page does (a stored flag, or a due instant passed without resolution or answer).
SELECT coalesce(p.product_line, 'Unknown')                                                                             AS product_line,
       count(*) FILTER (WHERE coalesce(s.resolution_breached, s.resolution_due_at <= CAST($as_of AS TIMESTAMPTZ)))    AS resolution_breaches,
       count(*) FILTER (WHERE NOT coalesce(s.statutory_met, s.statutory_due_at > CAST($as_of AS TIMESTAMPTZ)))         AS statutory_misses
FROM complaints c
JOIN complaint_sla s ON s.complaint_key = c.complaint_key
LEFT JOIN products p ON p.sku = c.product_sku
WHERE /*filter*/
GROUP BY ALL
ORDER BY product_line
