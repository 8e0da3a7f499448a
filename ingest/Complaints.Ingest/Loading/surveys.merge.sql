-- Merges the staged surveys file: new keys are inserted, newer records (by updated_at) replace older ones,
-- and an older or equal record changes nothing, so loading a file twice stores nothing new.

-- Keep the versions about to be replaced (only rows that really change).
INSERT INTO surveys_versions
SELECT t.*, getvariable('loaded_at'), getvariable('run_id')
FROM surveys t
JOIN stage s ON s.source = t.source AND s.external_id = t.external_id
WHERE s.updated_at > t.updated_at;

INSERT INTO surveys (source, external_id, complaint_source, complaint_id, complaint_key, answered_at, csat, nps, comment, updated_at, run_id)
SELECT s.source, s.external_id, s.complaint_source, s.complaint_id, c.complaint_key, s.answered_at, s.csat, s.nps, s.comment, s.updated_at, getvariable('run_id')
FROM stage s
LEFT JOIN complaints c ON c.source = s.complaint_source AND c.external_id = s.complaint_id
ON CONFLICT (source, external_id) DO UPDATE SET
    complaint_source = excluded.complaint_source,
    complaint_id = excluded.complaint_id,
    complaint_key = excluded.complaint_key,
    answered_at = excluded.answered_at,
    csat = excluded.csat,
    nps = excluded.nps,
    comment = excluded.comment,
    updated_at = excluded.updated_at,
    run_id = excluded.run_id
WHERE excluded.updated_at > surveys.updated_at;
