-- Complaints per product as the warehouse knew them at $as_of (see the complaints_as_of macro, migration 0005).
-- Products and customers are read as they are now: only complaints keep an as-of history in this query.
SELECT c.product_sku,
       coalesce(p.name, c.product_sku)      AS name,
       coalesce(p.product_line, 'Unknown') AS product_line,
       count(*)                            AS complaints
FROM complaints_as_of(CAST($as_of AS TIMESTAMPTZ)) c
LEFT JOIN products p ON p.sku = c.product_sku
WHERE /*filter*/
GROUP BY ALL
ORDER BY complaints DESC, c.product_sku
