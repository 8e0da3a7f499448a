-- Merges the staged units_sold file: new keys are inserted, newer records (by updated_at) replace older ones,
-- and an older or equal record changes nothing, so loading a file twice stores nothing new.

-- Keep the versions about to be replaced (only rows that really change).
INSERT INTO units_sold_versions
SELECT t.*, getvariable('loaded_at'), getvariable('run_id')
FROM units_sold t
JOIN stage s ON s.sku = t.sku AND s.month = t.month
WHERE s.updated_at > t.updated_at;

INSERT INTO units_sold (sku, month, units, updated_at, run_id)
SELECT sku, month, units, updated_at, getvariable('run_id')
FROM stage
ON CONFLICT (sku, month) DO UPDATE SET
    units = excluded.units,
    updated_at = excluded.updated_at,
    run_id = excluded.run_id
WHERE excluded.updated_at > units_sold.updated_at;
