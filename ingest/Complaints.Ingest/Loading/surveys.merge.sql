-- Merges the staged surveys file: new keys are inserted, newer records (by updated_at) replace older ones,
-- and an older or equal record changes nothing, so loading a file twice stores nothing new.

INSERT INTO surveys (source, external_id, complaint_source, complaint_id, answered_at, csat, nps, comment, updated_at, run_id)
SELECT source, external_id, complaint_source, complaint_id, answered_at, csat, nps, comment, updated_at, getvariable('run_id')
FROM stage
ON CONFLICT (source, external_id) DO UPDATE SET
    complaint_source = excluded.complaint_source,
    complaint_id = excluded.complaint_id,
    answered_at = excluded.answered_at,
    csat = excluded.csat,
    nps = excluded.nps,
    comment = excluded.comment,
    updated_at = excluded.updated_at,
    run_id = excluded.run_id
WHERE excluded.updated_at > surveys.updated_at;
