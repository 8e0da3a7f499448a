-- Reference feeds: units sold per product and month (for complaint and cost rates per 1,000 units)
-- and monthly exchange rates into the reporting currency. A month is stored as its first day.
CREATE TABLE units_sold (
    sku        VARCHAR NOT NULL,
    month      DATE NOT NULL,
    units      BIGINT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    run_id     BIGINT NOT NULL,
    PRIMARY KEY (sku, month)
);

CREATE TABLE exchange_rates (
    currency   VARCHAR NOT NULL,
    month      DATE NOT NULL,
    rate       DECIMAL(18,6) NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    run_id     BIGINT NOT NULL,
    PRIMARY KEY (currency, month)
);
