-- Costs in the reporting currency, worked out in one place (Costs/CostRollup.cs) and refreshed by every load of
-- costs, exchange rates or complaints, and at start-up when the configured rates changed. Each booking is converted
-- with its currency's rate for the month it was booked in (exchange_rates), else the configured fixed rate
-- (Reporting:ExchangeRates), else it stays unconverted: counted, never dropped.
-- No key constraints on the two rollup tables: they are rebuilt whole, and deleting and re-inserting a million keys
-- under an index took DuckDB ~90 s where the plain tables take a second or two. Keys are unique by construction.
CREATE TABLE cost_lines (
    source           VARCHAR NOT NULL,
    external_id      VARCHAR NOT NULL,
    complaint_key    BIGINT NOT NULL,
    cost_type        VARCHAR NOT NULL,
    booked_month     DATE NOT NULL,
    currency         VARCHAR NOT NULL,         -- upper case
    amount           DECIMAL(18,2) NOT NULL,   -- as booked, in currency
    rate             DECIMAL(18,6),            -- units of the reporting currency per unit; NULL: no rate
    rate_source      VARCHAR,                  -- reporting (same currency) | monthly | configured; NULL: no rate
    amount_reporting DECIMAL(18,2)             -- amount * rate rounded to cents per booking; NULL: unconverted
);

-- One row per complaint with at least one cost: what the Overview and the Costs page add up.
CREATE TABLE complaint_costs (
    complaint_key BIGINT NOT NULL,
    amount        DECIMAL(18,2) NOT NULL,      -- converted costs only
    costs         BIGINT NOT NULL,
    unconverted   BIGINT NOT NULL
);

-- What the rollup was built with, so a changed Reporting:Currency or Reporting:ExchangeRates rebuilds it at start-up.
CREATE TABLE cost_rollup_state (
    id         INTEGER PRIMARY KEY,
    currency   VARCHAR NOT NULL,
    rates      VARCHAR NOT NULL,
    built_at   TIMESTAMPTZ NOT NULL
);
