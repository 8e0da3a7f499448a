-- Achievement over decided complaints, as of an instant: a stored breached flag decides; without one (no response
-- or resolution yet), a due instant already passed decides "breached" while the complaint is open; otherwise it is
-- undecided. The statutory deadline likewise: answered (met or late), or open and unanswered past the deadline
-- (deemed accepted). A complaint in an ending status without the date a target needs is closed with its time
-- unknown for that target: neither met nor breached, and counted apart so the page can say how many were left out.
-- SlaQueries fills in the complaints to judge, each with its measures and whether it has ended: the filtered facts
-- (Sla/Judged.sql), or the SLA rollup's unsettled complaints (Sla/Rollup/Judged.sql), to which
-- Sla/Rollup/Achievement.sql adds the settled ones it counted.
WITH judged AS (
    /*judged*/
),
decided AS (
    SELECT sla_breached(first_response_breached, first_response_due_at, ended, CAST($as_of AS TIMESTAMPTZ)) AS first_response_breached,
           sla_breached(resolution_breached, resolution_due_at, ended, CAST($as_of AS TIMESTAMPTZ))         AS resolution_breached,
           sla_statutory_met(statutory_met, statutory_due_at, ended, CAST($as_of AS TIMESTAMPTZ))          AS statutory_met,
           ended AND first_response_breached IS NULL AND first_response_due_at IS NOT NULL         AS first_response_unknown,
           ended AND resolution_breached IS NULL                                                   AS resolution_unknown,
           ended AND statutory_met IS NULL                                                         AS statutory_unknown,
           reopen_count
    FROM judged
)
SELECT count(*)                                                  AS complaints,
       count(first_response_breached)                            AS first_response_decided,
       count(*) FILTER (WHERE NOT first_response_breached)       AS first_response_met,
       count(resolution_breached)                                AS resolution_decided,
       count(*) FILTER (WHERE NOT resolution_breached)           AS resolution_met,
       count(statutory_met)                                      AS statutory_decided,
       count(*) FILTER (WHERE statutory_met)                     AS statutory_met,
       count(*) FILTER (WHERE reopen_count > 0)                  AS reopened,
       count(*) FILTER (WHERE first_response_unknown)            AS first_response_unknown,
       count(*) FILTER (WHERE resolution_unknown)                AS resolution_unknown,
       count(*) FILTER (WHERE statutory_unknown)                 AS statutory_unknown
FROM decided
