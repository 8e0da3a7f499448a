-- Audit reports (issue 16). SLA measures are derived, but an audit report reproduced as of a past date must judge a
-- complaint as the warehouse judged it then: a measure that a later load or recalculation changes keeps its former
-- value here, with the instant it was replaced (Sla/SlaMeasures copies only rows whose figures really change).
CREATE TABLE complaint_sla_versions AS SELECT * FROM complaint_sla WITH NO DATA;
ALTER TABLE complaint_sla_versions ADD COLUMN superseded_at TIMESTAMPTZ;

-- The measure in force at an instant: the earliest version replaced after it, else the current row.
CREATE MACRO complaint_sla_as_of(as_of) AS TABLE
SELECT v.* EXCLUDE (superseded_at)
FROM (
    SELECT * FROM complaint_sla_versions WHERE superseded_at > as_of
    UNION ALL BY NAME
    SELECT *, NULL::TIMESTAMPTZ AS superseded_at FROM complaint_sla
) v
QUALIFY row_number() OVER (PARTITION BY v.complaint_key ORDER BY v.superseded_at ASC NULLS LAST) = 1;

CREATE SEQUENCE issued_report_ids START 1;

-- Every audit report handed out: what it covered, who took it, the audit chain's head it printed, and the SHA-256 of
-- its content (printed inside it) and of the file's bytes (so a file handed back can be recognised, xlsx or pdf).
CREATE TABLE issued_reports (
    report_id       BIGINT PRIMARY KEY DEFAULT nextval('issued_report_ids'),
    kind            VARCHAR NOT NULL,      -- register.xlsx | summary.pdf
    period_from     DATE NOT NULL,
    period_to       DATE NOT NULL,
    filter          VARCHAR NOT NULL,      -- the shared filter as a query string (without the period)
    as_of           TIMESTAMPTZ NOT NULL,  -- the instant the report judged; the issue time unless reproduced
    reproduced      BOOLEAN NOT NULL,      -- asked as of a past date
    issued_at       TIMESTAMPTZ NOT NULL,
    issued_by       VARCHAR NOT NULL,
    head_seq        BIGINT,                -- the audit chain's head printed on the report (NULL: the trail was broken)
    head_hash       VARCHAR,
    merkle_root     VARCHAR,
    content_sha256  VARCHAR NOT NULL,
    file_sha256     VARCHAR NOT NULL,
    bytes           BIGINT NOT NULL,
    file_name       VARCHAR NOT NULL
);
