-- Complaints whose resolution target was breached, and those that missed the statutory deadline, per product line,
-- judged as of an instant as the SLA page does (a stored flag, or a due instant passed without resolution or answer
-- while the complaint is open). A complaint closed without the date is charged nothing: its time is unknown.
WITH judged AS (
    SELECT coalesce(p.product_line, 'Unknown') AS product_line, s.*,
           list_contains(string_split($ending_statuses, ','), lower(c.status)) AS ended
    FROM complaints c
    JOIN complaint_sla s ON s.complaint_key = c.complaint_key
    LEFT JOIN products p ON p.sku = c.product_sku
    WHERE /*filter*/
)
SELECT product_line,
       count(*) FILTER (WHERE coalesce(resolution_breached, resolution_due_at <= CAST($as_of AS TIMESTAMPTZ) AND NOT ended)) AS resolution_breaches,
       count(*) FILTER (WHERE NOT coalesce(statutory_met, statutory_due_at > CAST($as_of AS TIMESTAMPTZ) OR ended))         AS statutory_misses
FROM judged
GROUP BY ALL
ORDER BY product_line
