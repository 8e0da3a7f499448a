-- Merges the staged surveys file: new keys are inserted, newer records (by updated_at) replace older ones,
-- and an older or equal record changes nothing, so loading a file twice stores nothing new.

-- Keep the versions about to be replaced (only rows that really change).
INSERT INTO surveys_versions
SELECT t.*, getvariable('loaded_at'), getvariable('run_id')
FROM surveys t
JOIN stage s ON s.source = t.source AND s.external_id = t.external_id
WHERE s.updated_at > t.updated_at;

-- Newer records replace stored ones (the table has no key index for an upsert; see migration 0010).
UPDATE surveys SET
    complaint_source = s.complaint_source,
    complaint_id = s.complaint_id,
    complaint_key = s.found_complaint_key,
    answered_at = s.answered_at,
    csat = s.csat,
    nps = s.nps,
    comment = s.comment,
    updated_at = s.updated_at,
    run_id = getvariable('run_id')
FROM (SELECT s.*, c.complaint_key AS found_complaint_key
      FROM stage s LEFT JOIN complaints c ON c.source = s.complaint_source AND c.external_id = s.complaint_id) s
WHERE s.source = surveys.source AND s.external_id = surveys.external_id AND s.updated_at > surveys.updated_at;

-- New records.
INSERT INTO surveys (source, external_id, complaint_source, complaint_id, complaint_key, answered_at, csat, nps, comment, updated_at, run_id)
SELECT s.source, s.external_id, s.complaint_source, s.complaint_id, c.complaint_key, s.answered_at, s.csat, s.nps, s.comment, s.updated_at, getvariable('run_id')
FROM stage s
LEFT JOIN complaints c ON c.source = s.complaint_source AND c.external_id = s.complaint_id
WHERE NOT EXISTS (SELECT 1 FROM surveys t WHERE t.source = s.source AND t.external_id = s.external_id);
