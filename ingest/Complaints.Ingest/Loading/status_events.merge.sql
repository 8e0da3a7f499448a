-- Merges the staged status_events file: new keys are inserted, newer records (by updated_at) replace older ones,
-- and an older or equal record changes nothing, so loading a file twice stores nothing new.

-- Keep the versions about to be replaced (only rows that really change).
INSERT INTO status_events_versions
SELECT t.*, getvariable('loaded_at'), getvariable('run_id')
FROM status_events t
JOIN stage s ON s.source = t.source AND s.external_id = t.external_id
WHERE s.updated_at > t.updated_at;

INSERT INTO status_events (source, external_id, complaint_source, complaint_id, complaint_key, occurred_at, from_status, to_status, actor, updated_at, run_id)
SELECT s.source, s.external_id, s.complaint_source, s.complaint_id, c.complaint_key, s.occurred_at, s.from_status, s.to_status, s.actor, s.updated_at, getvariable('run_id')
FROM stage s
LEFT JOIN complaints c ON c.source = s.complaint_source AND c.external_id = s.complaint_id
ON CONFLICT (source, external_id) DO UPDATE SET
    complaint_source = excluded.complaint_source,
    complaint_id = excluded.complaint_id,
    complaint_key = excluded.complaint_key,
    occurred_at = excluded.occurred_at,
    from_status = excluded.from_status,
    to_status = excluded.to_status,
    actor = excluded.actor,
    updated_at = excluded.updated_at,
    run_id = excluded.run_id
WHERE excluded.updated_at > status_events.updated_at;
