-- Merges the staged costs file: new keys are inserted, newer records (by updated_at) replace older ones,
-- and an older or equal record changes nothing, so loading a file twice stores nothing new.

-- Keep the versions about to be replaced (only rows that really change).
INSERT INTO costs_versions
SELECT t.*, getvariable('loaded_at'), getvariable('run_id')
FROM costs t
JOIN stage s ON s.source = t.source AND s.external_id = t.external_id
WHERE s.updated_at > t.updated_at;

-- Newer records replace stored ones (the table has no key index for an upsert; see migration 0010).
UPDATE costs SET
    complaint_source = s.complaint_source,
    complaint_id = s.complaint_id,
    complaint_key = s.found_complaint_key,
    cost_type = s.cost_type,
    amount = s.amount,
    currency = s.currency,
    booked_on = s.booked_on,
    updated_at = s.updated_at,
    run_id = getvariable('run_id')
FROM (SELECT s.*, c.complaint_key AS found_complaint_key
      FROM stage s LEFT JOIN complaints c ON c.source = s.complaint_source AND c.external_id = s.complaint_id) s
WHERE s.source = costs.source AND s.external_id = costs.external_id AND s.updated_at > costs.updated_at;

-- New records.
INSERT INTO costs (source, external_id, complaint_source, complaint_id, complaint_key, cost_type, amount, currency, booked_on, updated_at, run_id)
SELECT s.source, s.external_id, s.complaint_source, s.complaint_id, c.complaint_key, s.cost_type, s.amount, s.currency, s.booked_on, s.updated_at, getvariable('run_id')
FROM stage s
LEFT JOIN complaints c ON c.source = s.complaint_source AND c.external_id = s.complaint_id
WHERE NOT EXISTS (SELECT 1 FROM costs t WHERE t.source = s.source AND t.external_id = s.external_id);
