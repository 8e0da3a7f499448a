-- Subscriptions belong to the account that made them (issue 15): its owner sees and manages it, administrators see
-- every one. A subscription without a row here (made before owners were stored) is the administrators'.
-- A table of its own rather than a column: DuckDB 1.5 cannot replay an ADD COLUMN on report_subscriptions (its id
-- defaults to nextval) from the WAL after a crash, and the warehouse would not open again.
CREATE TABLE report_subscription_owners (
    subscription_id BIGINT PRIMARY KEY,
    owner           VARCHAR NOT NULL
);
