-- Merges the staged complaints file: new keys are inserted, newer records (by updated_at) replace older ones,
-- and an older or equal record changes nothing, so loading a file twice stores nothing new.

-- Keep the version about to be replaced.
INSERT INTO complaint_versions
SELECT c.*, getvariable('loaded_at'), getvariable('run_id')
FROM complaints c
JOIN stage s ON s.source = c.source AND s.external_id = c.external_id
WHERE s.updated_at > c.updated_at;

-- Newer records of complaints already stored replace them (the table has no key index for an upsert; see migration 0009).
UPDATE complaints SET
    updated_at = s.updated_at,
    received_at = s.received_at,
    first_response_at = s.first_response_at,
    resolved_at = s.resolved_at,
    answered_at = s.answered_at,
    closed_at = s.closed_at,
    status = s.status,
    priority = s.priority,
    complaint_type = s.complaint_type,
    channel = s.channel,
    team = s.team,
    handler = s.handler,
    registered_by = s.registered_by,
    product_sku = s.product_sku,
    quantity = s.quantity,
    order_number = s.order_number,
    invoice_number = s.invoice_number,
    invoice_date = s.invoice_date,
    defect_category = s.defect_category,
    description = s.description,
    customer_expectation = s.customer_expectation,
    decision = s.decision,
    warranty_status = s.warranty_status,
    customer_id = s.customer_id,
    run_id = getvariable('run_id')
FROM stage s
WHERE s.source = complaints.source AND s.external_id = complaints.external_id AND s.updated_at > complaints.updated_at;

-- New complaints.
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
UPDATE customers SET
    segment = s.segment,
    country = s.country,
    language = s.language,
    updated_at = s.updated_at,
    run_id = getvariable('run_id')
FROM stage_customers s
WHERE s.source = customers.source AND s.customer_id = customers.customer_id AND s.updated_at > customers.updated_at;

INSERT INTO customers (source, customer_id, segment, country, language, updated_at, run_id)
SELECT source, customer_id, segment, country, language, updated_at, getvariable('run_id')
FROM stage_customers s
WHERE NOT EXISTS (SELECT 1 FROM customers t WHERE t.source = s.source AND t.customer_id = s.customer_id);

-- Personal data, kept apart.
UPDATE customer_personal SET
    name = s.name,
    email = s.email,
    phone = s.phone,
    updated_at = s.updated_at,
    run_id = getvariable('run_id')
FROM stage_customers s
WHERE s.source = customer_personal.source AND s.customer_id = customer_personal.customer_id AND s.updated_at > customer_personal.updated_at;

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
