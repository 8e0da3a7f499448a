-- Achievement over decided complaints, as of an instant: a stored breached flag decides; without one (no response
-- or resolution yet), a due instant already passed decides "breached"; otherwise the complaint is still undecided.
-- The statutory deadline likewise: answered (met or late), or unanswered past the deadline (deemed accepted).
WITH judged AS (
    SELECT CASE WHEN s.first_response_breached IS NOT NULL THEN s.first_response_breached
                WHEN s.first_response_due_at <= CAST($as_of AS TIMESTAMPTZ) THEN true END AS first_response_breached,
           CASE WHEN s.resolution_breached IS NOT NULL THEN s.resolution_breached
                WHEN s.resolution_due_at <= CAST($as_of AS TIMESTAMPTZ) THEN true END     AS resolution_breached,
           CASE WHEN s.statutory_met IS NOT NULL THEN s.statutory_met
                WHEN s.statutory_due_at <= CAST($as_of AS TIMESTAMPTZ) THEN false END     AS statutory_met,
           s.reopen_count
    FROM complaints c
    JOIN complaint_sla s ON s.complaint_key = c.complaint_key
    WHERE /*filter*/
)
SELECT count(*)                                                  AS complaints,
       count(first_response_breached)                            AS first_response_decided,
       count(*) FILTER (WHERE NOT first_response_breached)       AS first_response_met,
       count(resolution_breached)                                AS resolution_decided,
       count(*) FILTER (WHERE NOT resolution_breached)           AS resolution_met,
       count(statutory_met)                                      AS statutory_decided,
       count(*) FILTER (WHERE statutory_met)                     AS statutory_met,
       count(*) FILTER (WHERE reopen_count > 0)                  AS reopened
FROM judged
