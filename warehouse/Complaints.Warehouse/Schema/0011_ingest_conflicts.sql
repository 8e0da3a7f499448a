-- Records a file sent with the key and updated_at of the stored version but other values: the source changed a record
-- without moving its updated_at. The stored version is kept (a record changes only with a later updated_at); each
-- differing field of such a record is kept here with both values, so nothing a source sent disappears without a count.
CREATE TABLE ingest_conflicts (
    run_id          BIGINT NOT NULL,
    feed            VARCHAR NOT NULL,
    record_key      VARCHAR NOT NULL,      -- the record's key values joined with '/', e.g. cfpb/1114245
    line            BIGINT NOT NULL,       -- where the delivered record starts in the file as sent
    updated_at      TIMESTAMPTZ NOT NULL,  -- the same in the stored and the delivered version
    field           VARCHAR NOT NULL,
    stored_value    VARCHAR,               -- kept
    delivered_value VARCHAR                -- not applied
);

ALTER TABLE ingest_runs ADD COLUMN rows_conflicting BIGINT DEFAULT 0;
