-- The complaint list behind a figure, whole, for exports: the same filter (and search) as the list page, twenty
-- columns with their real types. Times are local to the reporting zone ($tz) without an offset, as a spreadsheet
-- shows them; cost is the converted total in the reporting currency; handling days are elapsed days to resolution.
-- The description is free text that may name people: only a reader with the personal-data permission gets it.
SELECT c.source,
       c.external_id,
       CAST(timezone($tz, c.received_at) AS TIMESTAMP)       AS received_at,
       CAST(timezone($tz, c.first_response_at) AS TIMESTAMP) AS first_response_at,
       CAST(timezone($tz, c.resolved_at) AS TIMESTAMP)       AS resolved_at,
       c.status,
       c.priority,
       c.complaint_type,
       c.channel,
       c.team,
       c.product_sku,
       coalesce(p.name, c.product_sku)                       AS product_name,
       coalesce(p.product_line, 'Unknown')                   AS product_line,
       c.defect_category,
       cu.segment,
       cu.country,
       c.quantity,
       CAST(cc.amount AS DECIMAL(18,2))                      AS cost,
       CAST((epoch(c.resolved_at) - epoch(c.received_at)) / 86400.0 AS DOUBLE) AS handling_days,
       /*description*/                                       AS description
FROM complaints c
LEFT JOIN products p ON p.sku = c.product_sku
LEFT JOIN customers cu ON cu.source = c.source AND cu.customer_id = c.customer_id
LEFT JOIN complaint_costs cc ON cc.complaint_key = c.complaint_key
WHERE /*filter*/ AND /*search*/
ORDER BY c.received_at, c.source, c.external_id
