-- Superseded versions for every feed, like complaint_versions: the row as it was, when and by which run it was
-- replaced. A run can then be rolled back (its rows removed, the versions it replaced put back), and complaints
-- reproduced as of a past instant. Only rows a load really changes are copied, so first loads copy nothing.
CREATE TABLE products_versions AS SELECT * FROM products WITH NO DATA;
ALTER TABLE products_versions ADD COLUMN superseded_at TIMESTAMPTZ;
ALTER TABLE products_versions ADD COLUMN superseded_by_run BIGINT;

CREATE TABLE units_sold_versions AS SELECT * FROM units_sold WITH NO DATA;
ALTER TABLE units_sold_versions ADD COLUMN superseded_at TIMESTAMPTZ;
ALTER TABLE units_sold_versions ADD COLUMN superseded_by_run BIGINT;

CREATE TABLE exchange_rates_versions AS SELECT * FROM exchange_rates WITH NO DATA;
ALTER TABLE exchange_rates_versions ADD COLUMN superseded_at TIMESTAMPTZ;
ALTER TABLE exchange_rates_versions ADD COLUMN superseded_by_run BIGINT;

CREATE TABLE status_events_versions AS SELECT * FROM status_events WITH NO DATA;
ALTER TABLE status_events_versions ADD COLUMN superseded_at TIMESTAMPTZ;
ALTER TABLE status_events_versions ADD COLUMN superseded_by_run BIGINT;

CREATE TABLE costs_versions AS SELECT * FROM costs WITH NO DATA;
ALTER TABLE costs_versions ADD COLUMN superseded_at TIMESTAMPTZ;
ALTER TABLE costs_versions ADD COLUMN superseded_by_run BIGINT;

CREATE TABLE surveys_versions AS SELECT * FROM surveys WITH NO DATA;
ALTER TABLE surveys_versions ADD COLUMN superseded_at TIMESTAMPTZ;
ALTER TABLE surveys_versions ADD COLUMN superseded_by_run BIGINT;

-- Customer attributes and personal data are written by complaint loads; their versions let a complaint run be
-- rolled back. Erasing a person's data (GDPR) must clear customer_personal_versions as well.
CREATE TABLE customers_versions AS SELECT * FROM customers WITH NO DATA;
ALTER TABLE customers_versions ADD COLUMN superseded_at TIMESTAMPTZ;
ALTER TABLE customers_versions ADD COLUMN superseded_by_run BIGINT;

CREATE TABLE customer_personal_versions AS SELECT * FROM customer_personal WITH NO DATA;
ALTER TABLE customer_personal_versions ADD COLUMN superseded_at TIMESTAMPTZ;
ALTER TABLE customer_personal_versions ADD COLUMN superseded_by_run BIGINT;

-- A rolled-back run keeps its record (status rolled_back) and its quarantine entries, and says who and when.
ALTER TABLE ingest_runs ADD COLUMN rolled_back_at TIMESTAMPTZ;
ALTER TABLE ingest_runs ADD COLUMN rolled_back_by VARCHAR;
-- What a file that did not fit its profile lacked (missing columns), one per line; NULL otherwise.
ALTER TABLE ingest_runs ADD COLUMN missing VARCHAR;

-- Complaints as the warehouse knew them at an instant: of each complaint's versions (current and superseded),
-- the one written by the latest run that had finished by then. Rolled-back runs are left out (their rows are
-- gone already; the status check keeps that true whatever happens to a version table).
CREATE MACRO complaints_as_of(as_of) AS TABLE
SELECT v.* EXCLUDE (superseded_at, superseded_by_run)
FROM (
    SELECT * FROM complaint_versions
    UNION ALL BY NAME
    SELECT *, NULL::TIMESTAMPTZ AS superseded_at, NULL::BIGINT AS superseded_by_run FROM complaints
) v
JOIN ingest_runs r ON r.run_id = v.run_id
WHERE r.status = 'loaded' AND r.finished_at <= as_of
QUALIFY row_number() OVER (PARTITION BY v.source, v.external_id ORDER BY r.finished_at DESC, r.run_id DESC) = 1;
