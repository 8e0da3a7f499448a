-- The statutory deadline per complaint of the register, judged as Sla/Achievement.sql judges it at $as_of: a stored
-- outcome decides (answered in time or late); unanswered and open past the deadline is missed, and deemed accepted;
-- in an ending status without an answer date the outcome is unknown; otherwise pending. Days late count to the
-- answer, or to the report's day while still unanswered.
WITH judged AS (
    SELECT c.source, c.external_id, c.received_at, s.statutory_deadline, s.answered_on, s.statutory_met, s.statutory_due_at,
           list_contains(string_split($ending_statuses, ','), lower(c.status)) AS ended
    FROM /*complaints*/ c
    JOIN /*sla*/ s ON s.complaint_key = c.complaint_key
    WHERE /*filter*/
),
outcomes AS (
    SELECT *,
           CASE WHEN statutory_met THEN 'met'
                WHEN NOT statutory_met THEN 'answered_late'
                WHEN NOT ended AND statutory_due_at <= CAST($as_of AS TIMESTAMPTZ) THEN 'unanswered'
                WHEN ended THEN 'unknown'
                ELSE 'pending' END AS outcome
    FROM judged
)
SELECT source,
       external_id,
       received_at                                   AS received,
       statutory_deadline                            AS deadline,
       answered_on,
       outcome,
       CASE outcome WHEN 'answered_late' THEN date_diff('day', statutory_deadline, answered_on)
                    WHEN 'unanswered' THEN date_diff('day', statutory_deadline, CAST(timezone($tz, CAST($as_of AS TIMESTAMPTZ)) AS DATE))
       END                                           AS days_late,
       outcome IN ('answered_late', 'unanswered')    AS deemed_accepted
FROM outcomes
ORDER BY received_at, source, external_id
