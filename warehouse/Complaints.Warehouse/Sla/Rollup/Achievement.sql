-- Achievement from the SLA rollup: the settled complaints as counted, plus the unsettled ones judged at $as_of exactly
-- as Sla/Achievement.sql judges the facts (the sla_breached and sla_statutory_met macros).
WITH settled AS (
    SELECT sum(complaints) AS complaints,
           sum(first_response_decided) AS first_response_decided, sum(first_response_met) AS first_response_met,
           sum(resolution_decided) AS resolution_decided, sum(resolution_met) AS resolution_met,
           sum(statutory_decided) AS statutory_decided, sum(statutory_met) AS statutory_met,
           sum(reopened) AS reopened
    FROM sla_daily d
    WHERE /*rollup*/
),
judged AS (
    SELECT list_contains(string_split($ending_statuses, ','), lower(d.status)) AS ended, d.*
    FROM sla_unsettled d
    WHERE /*rollup*/
),
decided AS (
    SELECT sla_breached(first_response_breached, first_response_due_at, ended, CAST($as_of AS TIMESTAMPTZ)) AS first_response_breached,
           sla_breached(resolution_breached, resolution_due_at, ended, CAST($as_of AS TIMESTAMPTZ))         AS resolution_breached,
           sla_statutory_met(statutory_met, statutory_due_at, ended, CAST($as_of AS TIMESTAMPTZ))          AS statutory_met,
           ended AND first_response_breached IS NULL AND first_response_due_at IS NOT NULL                AS first_response_unknown,
           ended AND resolution_breached IS NULL                                                          AS resolution_unknown,
           ended AND statutory_met IS NULL                                                                AS statutory_unknown,
           reopen_count
    FROM judged
),
live AS (
    SELECT count(*)                                            AS complaints,
           count(first_response_breached)                      AS first_response_decided,
           count(*) FILTER (WHERE NOT first_response_breached) AS first_response_met,
           count(resolution_breached)                          AS resolution_decided,
           count(*) FILTER (WHERE NOT resolution_breached)     AS resolution_met,
           count(statutory_met)                                AS statutory_decided,
           count(*) FILTER (WHERE statutory_met)               AS statutory_met,
           count(*) FILTER (WHERE reopen_count > 0)            AS reopened,
           count(*) FILTER (WHERE first_response_unknown)      AS first_response_unknown,
           count(*) FILTER (WHERE resolution_unknown)          AS resolution_unknown,
           count(*) FILTER (WHERE statutory_unknown)           AS statutory_unknown
    FROM decided
)
SELECT CAST(coalesce(s.complaints, 0) + l.complaints AS BIGINT),
       CAST(coalesce(s.first_response_decided, 0) + l.first_response_decided AS BIGINT),
       CAST(coalesce(s.first_response_met, 0) + l.first_response_met AS BIGINT),
       CAST(coalesce(s.resolution_decided, 0) + l.resolution_decided AS BIGINT),
       CAST(coalesce(s.resolution_met, 0) + l.resolution_met AS BIGINT),
       CAST(coalesce(s.statutory_decided, 0) + l.statutory_decided AS BIGINT),
       CAST(coalesce(s.statutory_met, 0) + l.statutory_met AS BIGINT),
       CAST(coalesce(s.reopened, 0) + l.reopened AS BIGINT),
       l.first_response_unknown, l.resolution_unknown, l.statutory_unknown
FROM settled s, live l
