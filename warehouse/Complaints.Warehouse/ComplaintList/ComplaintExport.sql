-- One page of the complaint list behind a figure, for exports: the same filter (and search) as the list page, twenty
-- columns with their real types. Times are local to the reporting zone ($tz) without an offset, as a spreadsheet
-- shows them; cost is the converted total in the reporting currency; handling days are elapsed days to resolution.
-- The description is free text that may name people: only a reader with the personal-data permission gets it.
-- The page's bounds and the list's order are filled in by ComplaintExportPages. The page's complaints are read
-- first, and customers and costs only for them, so a page never builds a hash table of all of them.
WITH page AS MATERIALIZED (
    SELECT c.complaint_key, c.source, c.external_id, c.received_at, c.first_response_at, c.resolved_at, c.status, c.priority,
           c.complaint_type, c.channel, c.team, c.product_sku, c.defect_category, c.quantity, c.customer_id,
           /*description*/ AS description
    FROM complaints c
    WHERE /*filter*/ AND /*search*/ AND /*page*/)
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
       c.description
FROM page c
LEFT JOIN products p ON p.sku = c.product_sku
LEFT JOIN (SELECT cu.source, cu.customer_id, cu.segment, cu.country FROM customers cu
           WHERE (cu.source, cu.customer_id) IN (SELECT source, customer_id FROM page)) cu
       ON cu.source = c.source AND cu.customer_id = c.customer_id
LEFT JOIN (SELECT cc.complaint_key, cc.amount FROM complaint_costs cc
           WHERE cc.complaint_key IN (SELECT complaint_key FROM page)) cc
       ON cc.complaint_key = c.complaint_key
ORDER BY /*order*/
