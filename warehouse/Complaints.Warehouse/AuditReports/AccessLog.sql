-- The access and change log of the period: audit entries that happened on the period's days, before the report's
-- instant (strictly: the entry recording this report's issue comes after it).
SELECT seq,
       occurred_at                                   AS occurred,
       actor,
       action,
       subject,
       before_json,
       after_json,
       hash
FROM audit_log
WHERE occurred_at >= CAST($from_instant AS TIMESTAMPTZ)
  AND occurred_at < CAST($to_instant AS TIMESTAMPTZ)
  AND occurred_at < CAST($as_of AS TIMESTAMPTZ)
ORDER BY seq
