-- Merges the staged status_events file: new keys are inserted, newer records (by updated_at) replace older ones,
-- and an older or equal record changes nothing, so loading a file twice stores nothing new.

-- Keep the versions about to be replaced (only rows that really change).
INSERT INTO status_events_versions
SELECT t.*, getvariable('loaded_at'), getvariable('run_id')
FROM status_events t
JOIN stage s ON s.source = t.source AND s.external_id = t.external_id
WHERE s.updated_at > t.updated_at;

-- Newer records replace stored ones (the table has no key index for an upsert; see migration 0010).
UPDATE status_events SET
    complaint_source = s.complaint_source,
    complaint_id = s.complaint_id,
    complaint_key = s.found_complaint_key,
    occurred_at = s.occurred_at,
    from_status = s.from_status,
    to_status = s.to_status,
    actor = s.actor,
    updated_at = s.updated_at,
    run_id = getvariable('run_id')
FROM (SELECT s.*, c.complaint_key AS found_complaint_key
      FROM stage s LEFT JOIN complaints c ON c.source = s.complaint_source AND c.external_id = s.complaint_id) s
WHERE s.source = status_events.source AND s.external_id = status_events.external_id AND s.updated_at > status_events.updated_at;

-- New records.
INSERT INTO status_events (source, external_id, complaint_source, complaint_id, complaint_key, occurred_at, from_status, to_status, actor, updated_at, run_id)
SELECT s.source, s.external_id, s.complaint_source, s.complaint_id, c.complaint_key, s.occurred_at, s.from_status, s.to_status, s.actor, s.updated_at, getvariable('run_id')
FROM stage s
LEFT JOIN complaints c ON c.source = s.complaint_source AND c.external_id = s.complaint_id
WHERE NOT EXISTS (SELECT 1 FROM status_events t WHERE t.source = s.source AND t.external_id = s.external_id);
