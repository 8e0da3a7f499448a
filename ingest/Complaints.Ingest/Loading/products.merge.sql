-- Merges the staged products file: new keys are inserted, newer records (by updated_at) replace older ones,
-- and an older or equal record changes nothing, so loading a file twice stores nothing new.

-- Keep the versions about to be replaced (only rows that really change).
INSERT INTO products_versions
SELECT t.*, getvariable('loaded_at'), getvariable('run_id')
FROM products t
JOIN stage s ON s.sku = t.sku
WHERE s.updated_at > t.updated_at;

INSERT INTO products (sku, name, product_line, category, updated_at, run_id)
SELECT sku, name, product_line, category, updated_at, getvariable('run_id')
FROM stage
ON CONFLICT (sku) DO UPDATE SET
    name = excluded.name,
    product_line = excluded.product_line,
    category = excluded.category,
    updated_at = excluded.updated_at,
    run_id = excluded.run_id
WHERE excluded.updated_at > products.updated_at;
