-- The Overview's figures at ten million complaints without reading every fact: one row per local day of receipt (in the
-- reporting zone) × product × defect category × channel × status, with the counts and sums the page adds up, and a
-- sketch of handling times per local day × product (bins of about 2% width, see Rollups/HandlingSketch.cs) for its
-- medians. Kept in step by Rollups/ComplaintRollup.cs in the transaction of every load and roll-back, day by day.
CREATE TABLE complaint_daily (
    received_day     DATE NOT NULL,
    product_sku      VARCHAR NOT NULL,
    defect_category  VARCHAR,
    channel          VARCHAR,
    status           VARCHAR NOT NULL,
    complaints       BIGINT NOT NULL,
    resolved         BIGINT NOT NULL,
    first_received   TIMESTAMPTZ NOT NULL,
    last_received    TIMESTAMPTZ NOT NULL,
    cost_amount      DECIMAL(18,2) NOT NULL,  -- converted costs (complaint_costs.amount), reporting currency; 18 digits sum fast
    cost_unconverted BIGINT NOT NULL,         -- bookings without a rate
    costed_converted BIGINT NOT NULL,         -- complaints with at least one converted booking
    unconverted_currencies VARCHAR,           -- currencies of the bookings without a rate, sorted, comma-separated
    csat_sum         BIGINT NOT NULL,         -- over survey answers with a score
    csat_answers     BIGINT NOT NULL,
    key_hash_sum     HUGEINT NOT NULL         -- sum of hash(complaint_key): a day whose complaints changed shows it
);

CREATE TABLE handling_sketch (
    received_day DATE NOT NULL,
    product_sku  VARCHAR NOT NULL,
    bin          INTEGER NOT NULL,
    resolved     BIGINT NOT NULL
);

-- The reporting zone the days were cut in, and the cost rollup's currency and rates the costs were summed from:
-- another zone, or costs converted again at other rates, means building again.
CREATE TABLE complaint_rollup_state (
    id            INTEGER PRIMARY KEY,
    time_zone     VARCHAR NOT NULL,
    cost_currency VARCHAR,
    cost_rates    VARCHAR,
    built_at      TIMESTAMPTZ NOT NULL
);
