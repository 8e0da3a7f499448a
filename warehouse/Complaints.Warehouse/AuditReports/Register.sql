-- The complaint register in ISO 10002 terms, one row per complaint received in the period (and the shared filter):
-- acknowledged is the first response, answer sent the answer with the decision, closed the closing time. Times are
-- instants (TIMESTAMPTZ): the workbook and the PDF show them in the reporting zone. /*complaints*/ and /*products*/ are the current tables, or the complaints and
-- products as of the report's instant.
SELECT c.source,
       c.external_id,
       c.received_at                                         AS received,
       c.first_response_at                                   AS acknowledged,
       c.customer_expectation                                AS remedy_sought,
       c.decision,
       c.answered_at                                         AS answer_sent,
       c.closed_at                                           AS closed,
       c.status,
       c.handler,
       c.team,
       c.channel,
       c.product_sku                                         AS product,
       p.name                                                AS product_name
FROM /*complaints*/ c
LEFT JOIN /*products*/ p ON p.sku = c.product_sku
WHERE /*filter*/
ORDER BY c.received_at, c.source, c.external_id
