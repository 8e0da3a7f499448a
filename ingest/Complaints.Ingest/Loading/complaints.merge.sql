-- Merges the staged complaints file: new keys are inserted, newer records (by updated_at) replace older ones,
-- and an older or equal record changes nothing, so loading a file twice stores nothing new.

-- Keep the version about to be replaced.
INSERT INTO complaint_versions
SELECT c.*, getvariable('loaded_at'), getvariable('run_id')
FROM complaints c
JOIN stage s ON s.source = c.source AND s.external_id = c.external_id
WHERE s.updated_at > c.updated_at;

-- Newer records of complaints already stored replace them.
INSERT INTO complaints (source, external_id, updated_at, received_at, first_response_at, resolved_at, answered_at, closed_at, status, priority, complaint_type, channel, team, handler, registered_by, product_sku, quantity, order_number, invoice_number, invoice_date, defect_category, description, customer_expectation, decision, warranty_status, customer_id, run_id)
SELECT source, external_id, updated_at, received_at, first_response_at, resolved_at, answered_at, closed_at, status, priority, complaint_type, channel, team, handler, registered_by, product_sku, quantity, order_number, invoice_number, invoice_date, defect_category, description, customer_expectation, decision, warranty_status, customer_id, getvariable('run_id')
FROM stage s
WHERE EXISTS (SELECT 1 FROM complaints c WHERE c.source = s.source AND c.external_id = s.external_id)
ON CONFLICT (source, external_id) DO UPDATE SET
    updated_at = excluded.updated_at,
    received_at = excluded.received_at,
    first_response_at = excluded.first_response_at,
    resolved_at = excluded.resolved_at,
    answered_at = excluded.answered_at,
    closed_at = excluded.closed_at,
    status = excluded.status,
    priority = excluded.priority,
    complaint_type = excluded.complaint_type,
    channel = excluded.channel,
    team = excluded.team,
    handler = excluded.handler,
    registered_by = excluded.registered_by,
    product_sku = excluded.product_sku,
    quantity = excluded.quantity,
    order_number = excluded.order_number,
    invoice_number = excluded.invoice_number,
    invoice_date = excluded.invoice_date,
    defect_category = excluded.defect_category,
    description = excluded.description,
    customer_expectation = excluded.customer_expectation,
    decision = excluded.decision,
    warranty_status = excluded.warranty_status,
    customer_id = excluded.customer_id,
    run_id = excluded.run_id
WHERE excluded.updated_at > complaints.updated_at;

-- New complaints: a plain insert (an upsert costs a conflict check per row, a third more on a first load).
INSERT INTO complaints (source, external_id, updated_at, received_at, first_response_at, resolved_at, answered_at, closed_at, status, priority, complaint_type, channel, team, handler, registered_by, product_sku, quantity, order_number, invoice_number, invoice_date, defect_category, description, customer_expectation, decision, warranty_status, customer_id, run_id)
SELECT source, external_id, updated_at, received_at, first_response_at, resolved_at, answered_at, closed_at, status, priority, complaint_type, channel, team, handler, registered_by, product_sku, quantity, order_number, invoice_number, invoice_date, defect_category, description, customer_expectation, decision, warranty_status, customer_id, getvariable('run_id')
FROM stage s
WHERE NOT EXISTS (SELECT 1 FROM complaints c WHERE c.source = s.source AND c.external_id = s.external_id);

-- Customers: the latest record of each customer in the file, worked out once for both tables below.
CREATE OR REPLACE TEMP TABLE stage_customers AS
SELECT source, customer_id, arg_max(customer_segment, updated_at) AS segment, arg_max(customer_country, updated_at) AS country,
       arg_max(customer_language, updated_at) AS language, arg_max(customer_name, updated_at) AS name,
       arg_max(customer_email, updated_at) AS email, arg_max(customer_phone, updated_at) AS phone, max(updated_at) AS updated_at
FROM stage WHERE customer_id IS NOT NULL
GROUP BY source, customer_id;

INSERT INTO customers_versions
SELECT cu.*, getvariable('loaded_at'), getvariable('run_id')
FROM customers cu JOIN stage_customers s ON s.source = cu.source AND s.customer_id = cu.customer_id
WHERE s.updated_at > cu.updated_at;

INSERT INTO customer_personal_versions
SELECT cp.*, getvariable('loaded_at'), getvariable('run_id')
FROM customer_personal cp JOIN stage_customers s ON s.source = cp.source AND s.customer_id = cp.customer_id
WHERE s.updated_at > cp.updated_at;

-- Analytics attributes.
INSERT INTO customers (source, customer_id, segment, country, language, updated_at, run_id)
SELECT source, customer_id, segment, country, language, updated_at, getvariable('run_id')
FROM stage_customers s
WHERE EXISTS (SELECT 1 FROM customers t WHERE t.source = s.source AND t.customer_id = s.customer_id)
ON CONFLICT (source, customer_id) DO UPDATE SET
    segment = excluded.segment,
    country = excluded.country,
    language = excluded.language,
    updated_at = excluded.updated_at,
    run_id = excluded.run_id
WHERE excluded.updated_at > customers.updated_at;

INSERT INTO customers (source, customer_id, segment, country, language, updated_at, run_id)
SELECT source, customer_id, segment, country, language, updated_at, getvariable('run_id')
FROM stage_customers s
WHERE NOT EXISTS (SELECT 1 FROM customers t WHERE t.source = s.source AND t.customer_id = s.customer_id);

-- Personal data, kept apart.
INSERT INTO customer_personal (source, customer_id, name, email, phone, updated_at, run_id)
SELECT source, customer_id, name, email, phone, updated_at, getvariable('run_id')
FROM stage_customers s
WHERE EXISTS (SELECT 1 FROM customer_personal t WHERE t.source = s.source AND t.customer_id = s.customer_id)
ON CONFLICT (source, customer_id) DO UPDATE SET
    name = excluded.name,
    email = excluded.email,
    phone = excluded.phone,
    updated_at = excluded.updated_at,
    run_id = excluded.run_id
WHERE excluded.updated_at > customer_personal.updated_at;

INSERT INTO customer_personal (source, customer_id, name, email, phone, updated_at, run_id)
SELECT source, customer_id, name, email, phone, updated_at, getvariable('run_id')
FROM stage_customers s
WHERE NOT EXISTS (SELECT 1 FROM customer_personal t WHERE t.source = s.source AND t.customer_id = s.customer_id);

DROP TABLE stage_customers;

-- Facts that arrived before their complaint now find it.
UPDATE status_events SET complaint_key = c.complaint_key
FROM complaints c
WHERE status_events.complaint_key IS NULL AND c.source = status_events.complaint_source AND c.external_id = status_events.complaint_id;

UPDATE costs SET complaint_key = c.complaint_key
FROM complaints c
WHERE costs.complaint_key IS NULL AND c.source = costs.complaint_source AND c.external_id = costs.complaint_id;

UPDATE surveys SET complaint_key = c.complaint_key
FROM complaints c
WHERE surveys.complaint_key IS NULL AND c.source = surveys.complaint_source AND c.external_id = surveys.complaint_id;
