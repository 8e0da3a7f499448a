-- Merges the staged exchange_rates file: new keys are inserted, newer records (by updated_at) replace older ones,
-- and an older or equal record changes nothing, so loading a file twice stores nothing new.

-- Keep the versions about to be replaced (only rows that really change).
INSERT INTO exchange_rates_versions
SELECT t.*, getvariable('loaded_at'), getvariable('run_id')
FROM exchange_rates t
JOIN stage s ON s.currency = t.currency AND s.month = t.month
WHERE s.updated_at > t.updated_at;

INSERT INTO exchange_rates (currency, month, rate, updated_at, run_id)
SELECT currency, month, rate, updated_at, getvariable('run_id')
FROM stage
ON CONFLICT (currency, month) DO UPDATE SET
    rate = excluded.rate,
    updated_at = excluded.updated_at,
    run_id = excluded.run_id
WHERE excluded.updated_at > exchange_rates.updated_at;
