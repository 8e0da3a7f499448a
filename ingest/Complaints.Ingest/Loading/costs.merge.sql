-- Merges the staged costs file: new keys are inserted, newer records (by updated_at) replace older ones,
-- and an older or equal record changes nothing, so loading a file twice stores nothing new.

-- Keep the versions about to be replaced (only rows that really change).
INSERT INTO costs_versions
SELECT t.*, getvariable('loaded_at'), getvariable('run_id')
FROM costs t
JOIN stage s ON s.source = t.source AND s.external_id = t.external_id
WHERE s.updated_at > t.updated_at;

INSERT INTO costs (source, external_id, complaint_source, complaint_id, complaint_key, cost_type, amount, currency, booked_on, updated_at, run_id)
SELECT s.source, s.external_id, s.complaint_source, s.complaint_id, c.complaint_key, s.cost_type, s.amount, s.currency, s.booked_on, s.updated_at, getvariable('run_id')
FROM stage s
LEFT JOIN complaints c ON c.source = s.complaint_source AND c.external_id = s.complaint_id
ON CONFLICT (source, external_id) DO UPDATE SET
    complaint_source = excluded.complaint_source,
    complaint_id = excluded.complaint_id,
    complaint_key = excluded.complaint_key,
    cost_type = excluded.cost_type,
    amount = excluded.amount,
    currency = excluded.currency,
    booked_on = excluded.booked_on,
    updated_at = excluded.updated_at,
    run_id = excluded.run_id
WHERE excluded.updated_at > costs.updated_at;
