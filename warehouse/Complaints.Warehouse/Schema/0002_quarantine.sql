-- Rows a load set aside: each names its run, file, line and column, says why, and keeps the raw text,
-- so an administrator can fix the source and send the rows again.
CREATE TABLE quarantine (
    run_id      BIGINT NOT NULL,
    feed        VARCHAR NOT NULL,
    file_name   VARCHAR NOT NULL,
    line        BIGINT NOT NULL,
    column_name VARCHAR,
    reason      VARCHAR NOT NULL,
    raw_text    VARCHAR
);

ALTER TABLE ingest_runs ADD COLUMN rows_quarantined BIGINT DEFAULT 0;
