-- Rows the models part derives from the facts (models/Complaints.Models): risk model versions, risk scores of open
-- complaints, and recurring-defect signals with the status a quality manager gives them. Only the signals' status
-- is not derivable: everything else can be computed again from the facts.
CREATE SEQUENCE model_version_ids START 1;

CREATE TABLE model_versions (
    model_version BIGINT PRIMARY KEY,
    target        VARCHAR NOT NULL,      -- statutory | resolution
    trained_at    TIMESTAMPTZ NOT NULL,
    train_from    TIMESTAMPTZ NOT NULL,  -- complaints received from here ...
    split_at      TIMESTAMPTZ NOT NULL,  -- ... to here trained it; from here to test_to tested it
    test_to       TIMESTAMPTZ NOT NULL,
    seed          INTEGER NOT NULL,
    training_rows BIGINT NOT NULL,
    test_rows     BIGINT NOT NULL,
    auc           DOUBLE NOT NULL,       -- on the test period, open complaints of all ages
    rule_auc      DOUBLE NOT NULL,
    brier         DOUBLE NOT NULL,
    rule_brier    DOUBLE NOT NULL,
    in_use        BOOLEAN NOT NULL,      -- it beat the rule on the test period; otherwise the rule scores
    usual_json    VARCHAR NOT NULL,      -- the typical complaint its reasons compare with
    model_bytes   BLOB NOT NULL
);

CREATE TABLE risk_scores (
    complaint_key BIGINT NOT NULL,
    target        VARCHAR NOT NULL,      -- statutory | resolution
    scored_at     TIMESTAMPTZ NOT NULL,
    model_version BIGINT,                -- NULL: scored by the rule (no model, or none that beat it)
    probability   DOUBLE NOT NULL,
    rule_share    DOUBLE NOT NULL,       -- share of the allowed time already used
    due_at        TIMESTAMPTZ,
    reasons       VARCHAR NOT NULL,      -- the top factors in words, separated by '; '
    PRIMARY KEY (complaint_key, target)
);

CREATE TABLE defect_signals (
    signal_key         VARCHAR PRIMARY KEY,  -- scope|product or line|category
    scope              VARCHAR NOT NULL,     -- product | line
    product_sku        VARCHAR,
    product_line       VARCHAR NOT NULL,
    defect_category    VARCHAR NOT NULL,
    method             VARCHAR NOT NULL,     -- excess | cusum | disproportionality
    window_from        DATE NOT NULL,
    window_to          DATE NOT NULL,
    observed           BIGINT NOT NULL,
    expected           DOUBLE NOT NULL,
    statistic          DOUBLE NOT NULL,      -- CUSUM sum, or the odds ratio
    p_value            DOUBLE,
    ci_low             DOUBLE,
    ci_high            DOUBLE,
    first_seen         DATE NOT NULL,
    last_seen          DATE NOT NULL,
    active             BOOLEAN NOT NULL,     -- signalled by the latest run
    status             VARCHAR NOT NULL,     -- new | acknowledged | dismissed
    status_reason      VARCHAR,
    status_changed_at  TIMESTAMPTZ,
    status_changed_by  VARCHAR,
    dismissed_observed BIGINT,               -- evidence when dismissed: quiet until the observed count grows past it by half
    computed_at        TIMESTAMPTZ NOT NULL
);
