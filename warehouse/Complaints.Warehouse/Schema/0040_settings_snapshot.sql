-- The settings the platform last started with (secrets only as "(set)"), so that a start with changed settings writes
-- what changed to the audit log: one row.
CREATE TABLE settings_snapshot (
    id          INTEGER PRIMARY KEY,
    settings    VARCHAR NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL
);
