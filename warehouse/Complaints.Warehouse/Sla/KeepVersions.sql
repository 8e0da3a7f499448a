-- Before the staged measures replace the stored ones: the stored rows whose figures differ go to complaint_sla_versions,
-- replaced at $at. A row measured again to the same figures is not copied (a full recalculation copies only what changed).
INSERT INTO complaint_sla_versions
SELECT o.*, CAST($at AS TIMESTAMPTZ)
FROM complaint_sla o
JOIN sla_stage n ON n.complaint_key = o.complaint_key
WHERE o.policy_name IS DISTINCT FROM n.policy_name
   OR o.policy_valid_from IS DISTINCT FROM n.policy_valid_from
   OR o.statutory_deadline IS DISTINCT FROM n.statutory_deadline
   OR o.statutory_due_at IS DISTINCT FROM n.statutory_due_at
   OR o.answered_on IS DISTINCT FROM n.answered_on
   OR o.statutory_outcome IS DISTINCT FROM n.statutory_outcome
   OR o.statutory_met IS DISTINCT FROM n.statutory_met
   OR o.first_response_due_at IS DISTINCT FROM n.first_response_due_at
   OR o.resolution_due_at IS DISTINCT FROM n.resolution_due_at
   OR o.first_response_elapsed_seconds IS DISTINCT FROM n.first_response_elapsed_seconds
   OR o.first_response_business_seconds IS DISTINCT FROM n.first_response_business_seconds
   OR o.resolution_elapsed_seconds IS DISTINCT FROM n.resolution_elapsed_seconds
   OR o.resolution_business_seconds IS DISTINCT FROM n.resolution_business_seconds
   OR o.paused_seconds IS DISTINCT FROM n.paused_seconds
   OR o.first_response_breached IS DISTINCT FROM n.first_response_breached
   OR o.resolution_breached IS DISTINCT FROM n.resolution_breached
   OR o.reopen_count IS DISTINCT FROM n.reopen_count
