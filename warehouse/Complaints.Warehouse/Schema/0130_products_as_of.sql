-- Products as the warehouse knew them at an instant, as complaints_as_of reads complaints: of each product's versions
-- (current and superseded), the one written by the latest run that had finished by then. A report reproduced as of a
-- past instant names each product as it was named then.
CREATE MACRO products_as_of(as_of) AS TABLE
SELECT v.* EXCLUDE (superseded_at, superseded_by_run)
FROM (
    SELECT * FROM products_versions
    UNION ALL BY NAME
    SELECT *, NULL::TIMESTAMPTZ AS superseded_at, NULL::BIGINT AS superseded_by_run FROM products
) v
JOIN ingest_runs r ON r.run_id = v.run_id
WHERE r.status = 'loaded' AND r.finished_at <= as_of
QUALIFY row_number() OVER (PARTITION BY v.sku ORDER BY r.finished_at DESC, r.run_id DESC) = 1;
