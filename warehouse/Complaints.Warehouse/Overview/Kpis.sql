-- The Overview's key figures in one pass over the filtered complaints, plus their costs (converted, from the cost
-- rollup) and surveys. Open follows the status (Reporting:EndingStatuses), not a missing date; a complaint in an
-- ending status without a resolution date is closed with its time unknown, and counted so the page can say so.
WITH filtered AS (
    SELECT c.complaint_key, c.received_at, c.resolved_at,
           list_contains(string_split($ending_statuses, ','), lower(c.status)) AS ended
    FROM complaints c
    WHERE /*filter*/
)
SELECT (SELECT count(*) FROM filtered)                                                              AS received,
       (SELECT count(*) FROM filtered WHERE NOT ended)                                              AS still_open,
       (SELECT median(epoch(resolved_at) - epoch(received_at)) / 86400.0 FROM filtered WHERE resolved_at IS NOT NULL) AS median_days,
       (SELECT sum(cc.amount) FROM complaint_costs cc JOIN filtered f USING (complaint_key))                         AS cost,
       (SELECT avg(s.csat) FROM surveys s JOIN filtered f USING (complaint_key) WHERE s.csat IS NOT NULL) AS csat,
       (SELECT count(*) FROM filtered WHERE ended AND resolved_at IS NULL)                          AS closed_time_unknown
