-- Customers as the warehouse knew them at an instant, as products_as_of reads products: of each customer's versions
-- (current and superseded), the one written by the latest run that had finished by then. A report reproduced as of a
-- past instant filters on a customer's segment and country as they stood then.
CREATE MACRO customers_as_of(as_of) AS TABLE
SELECT v.* EXCLUDE (superseded_at, superseded_by_run)
FROM (
    SELECT * FROM customers_versions
    UNION ALL BY NAME
    SELECT *, NULL::TIMESTAMPTZ AS superseded_at, NULL::BIGINT AS superseded_by_run FROM customers
) v
JOIN ingest_runs r ON r.run_id = v.run_id
WHERE r.status = 'loaded' AND r.finished_at <= as_of
QUALIFY row_number() OVER (PARTITION BY v.source, v.customer_id ORDER BY r.finished_at DESC, r.run_id DESC) = 1;
