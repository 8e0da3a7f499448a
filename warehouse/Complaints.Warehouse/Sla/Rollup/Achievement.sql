-- Achievement from the SLA rollup: the settled complaints as counted, plus the unsettled ones judged at $as_of by
-- Sla/Achievement.sql itself over Sla/Rollup/Judged.sql (filled in by SlaQueries), so both are judged and counted alike.
WITH settled AS (
    SELECT sum(complaints) AS complaints,
           sum(first_response_decided) AS first_response_decided, sum(first_response_met) AS first_response_met,
           sum(resolution_decided) AS resolution_decided, sum(resolution_met) AS resolution_met,
           sum(statutory_decided) AS statutory_decided, sum(statutory_met) AS statutory_met,
           sum(reopened) AS reopened
    FROM sla_daily d
    WHERE /*rollup*/
),
live AS (
    /*live*/
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
