-- Scheduled delivery of reports (issue 14). A subscription names a report, a cron schedule in the reporting time
-- zone, its recipients, a filter (as the page's query string) and a relative period resolved at each run.
CREATE SEQUENCE report_subscription_ids START 1;
CREATE SEQUENCE report_delivery_ids START 1;

CREATE TABLE report_subscriptions (
    subscription_id BIGINT PRIMARY KEY DEFAULT nextval('report_subscription_ids'),
    name            VARCHAR NOT NULL,
    report          VARCHAR NOT NULL,   -- executive | overview | sla | costs | products | defects | risk
    schedule        VARCHAR NOT NULL,   -- Quartz cron, in Reporting:TimeZone
    recipients      VARCHAR NOT NULL,   -- comma-separated addresses
    filter          VARCHAR NOT NULL,   -- query string of the shared filters, without dates
    period          VARCHAR NOT NULL,   -- relative period: last-full-week | last-full-month | month-to-date | ...
    culture         VARCHAR NOT NULL,   -- en-GB | pl-PL
    paused          BOOLEAN NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- One row per delivery attempt series: the occurrence it was for (so a missed one is sent once), what was sent where,
-- and how it ended after its retries.
CREATE TABLE report_deliveries (
    delivery_id     BIGINT PRIMARY KEY DEFAULT nextval('report_delivery_ids'),
    subscription_id BIGINT NOT NULL,
    due_at          TIMESTAMPTZ NOT NULL,   -- the schedule's occurrence; send-now uses the moment it was asked
    on_demand       BOOLEAN NOT NULL,       -- send-now: not an occurrence of the schedule
    sent_at         TIMESTAMPTZ NOT NULL,
    recipients      VARCHAR NOT NULL,
    file_name       VARCHAR NOT NULL,
    bytes           BIGINT NOT NULL,
    sha256          VARCHAR NOT NULL,
    attempts        INTEGER NOT NULL,
    succeeded       BOOLEAN NOT NULL,
    destination     VARCHAR,                -- smtp://host:port or the outbox file
    error           VARCHAR
);
