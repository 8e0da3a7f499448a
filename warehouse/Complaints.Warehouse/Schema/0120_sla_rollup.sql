-- The SLA page's figures at ten million complaints without judging every complaint on each view. A complaint is
-- settled once nothing about it can change with time: it is in an ending status, every target it has is met or
-- breached by a stored flag, and its receipt and resolution lie before the cut (the instant the rollup was refreshed).
-- Settled complaints are counted in sla_daily, one row per local day of receipt × product × defect category × channel ×
-- status × segment × team; the rest (the open ones, about 2% of them) are kept one by one in sla_unsettled and judged
-- at the instant a page asks, as the facts are. Sketches of business hours to resolution and of the time spent in each
-- status serve the handling-time medians (bins as in Rollups/HandlingSketch.cs). Kept in step by Rollups/SlaRollup.cs.
CREATE TABLE sla_daily (
    received_day            DATE NOT NULL,
    product_sku             VARCHAR NOT NULL,
    defect_category         VARCHAR,
    channel                 VARCHAR,
    status                  VARCHAR NOT NULL,
    segment                 VARCHAR,
    team                    VARCHAR,
    complaints              BIGINT NOT NULL,
    first_response_decided  BIGINT NOT NULL,
    first_response_met      BIGINT NOT NULL,
    resolution_decided      BIGINT NOT NULL,
    resolution_met          BIGINT NOT NULL,
    statutory_decided       BIGINT NOT NULL,
    statutory_met           BIGINT NOT NULL,
    reopened                BIGINT NOT NULL,
    breached                BIGINT NOT NULL,  -- either target
    first_response_breached BIGINT NOT NULL,
    resolution_breached     BIGINT NOT NULL,
    key_hash_sum            HUGEINT NOT NULL  -- with sla_unsettled's keys, compared per day with complaint_daily's
);

CREATE TABLE sla_unsettled (
    complaint_key           BIGINT NOT NULL,
    received_day            DATE NOT NULL,
    product_sku             VARCHAR NOT NULL,
    defect_category         VARCHAR,
    channel                 VARCHAR,
    status                  VARCHAR NOT NULL,
    segment                 VARCHAR,
    team                    VARCHAR,
    source                  VARCHAR NOT NULL,
    external_id             VARCHAR NOT NULL,
    received_at             TIMESTAMPTZ NOT NULL,
    resolved_at             TIMESTAMPTZ,
    policy_name             VARCHAR NOT NULL,
    first_response_due_at   TIMESTAMPTZ,
    resolution_due_at       TIMESTAMPTZ,
    statutory_due_at        TIMESTAMPTZ NOT NULL,
    first_response_breached BOOLEAN,
    resolution_breached     BOOLEAN,
    statutory_met           BOOLEAN,
    reopen_count            INTEGER NOT NULL
);

CREATE TABLE business_hours_sketch (
    received_day DATE NOT NULL,
    product_sku  VARCHAR NOT NULL,
    bin          INTEGER NOT NULL,
    resolved     BIGINT NOT NULL
);

CREATE TABLE status_time_sketch (
    received_day DATE NOT NULL,
    product_sku  VARCHAR NOT NULL,
    status       VARCHAR NOT NULL,  -- the status the interval was spent in
    bin          INTEGER NOT NULL,
    intervals    BIGINT NOT NULL,
    seconds      DOUBLE NOT NULL    -- exact, so total hours are too
);

-- The zone the days were cut in, the ending statuses that decided "settled", the latest cut (figures as of an earlier
-- instant come from the facts), and the last load whose measures it holds (a later load's are measured since).
CREATE TABLE sla_rollup_state (
    id              INTEGER PRIMARY KEY,
    time_zone       VARCHAR NOT NULL,
    ending_statuses VARCHAR NOT NULL,
    cut_at          TIMESTAMPTZ NOT NULL,
    measured_run    BIGINT
);

-- How a target is judged at an instant, in one place for the facts' queries and the rollup's: a stored flag decides;
-- without one, a due instant already passed decides against the complaint while it is open; otherwise undecided.
CREATE MACRO sla_breached(stored, due_at, ended, as_of) AS
    CASE WHEN stored IS NOT NULL THEN stored WHEN NOT ended AND due_at <= as_of THEN true END;

CREATE MACRO sla_statutory_met(stored, due_at, ended, as_of) AS
    CASE WHEN stored IS NOT NULL THEN stored WHEN NOT ended AND due_at <= as_of THEN false END;
