-- Survey answers of the filtered complaints, and the response rate: settled complaints (resolved, answered and
-- since reopened, or in an ending status without a date) with at least one answer, over all settled complaints.
WITH filtered AS (
    SELECT c.complaint_key,
           c.resolved_at IS NOT NULL OR c.answered_at IS NOT NULL
               OR list_contains(string_split($ending_statuses, ','), lower(c.status)) AS settled
    FROM complaints c
    WHERE /*filter*/
),
answers AS (
    SELECT s.complaint_key, s.csat, s.nps
    FROM surveys s
    JOIN filtered f ON f.complaint_key = s.complaint_key
)
SELECT (SELECT count(*) FROM filtered WHERE settled)                                                               AS settled,
       (SELECT count(*) FROM filtered WHERE settled AND complaint_key IN (SELECT complaint_key FROM answers))        AS settled_surveyed,
       /*scores*/
FROM answers
