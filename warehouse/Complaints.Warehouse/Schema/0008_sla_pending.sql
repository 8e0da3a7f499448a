-- Loads that changed complaints, status events or products, whose complaints are still to be measured. A load notes
-- itself here in its own transaction; the measuring commits right after it and removes the note, so a crash between
-- the two leaves the note for the next start.
CREATE TABLE sla_pending (
    run_id BIGINT NOT NULL,
    feed   VARCHAR NOT NULL
);
