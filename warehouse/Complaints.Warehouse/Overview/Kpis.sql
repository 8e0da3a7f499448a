-- The Overview's key figures in one pass over the filtered complaints, plus their costs (converted, from the cost
-- rollup) and surveys.
WITH filtered AS (
    SELECT c.complaint_key, c.received_at, c.resolved_at
    FROM complaints c
    WHERE /*filter*/
)
SELECT (SELECT count(*) FROM filtered)                                                              AS received,
       (SELECT count(*) FROM filtered WHERE resolved_at IS NULL)                                    AS still_open,
       (SELECT median(epoch(resolved_at) - epoch(received_at)) / 86400.0 FROM filtered WHERE resolved_at IS NOT NULL) AS median_days,
       (SELECT sum(cc.amount) FROM complaint_costs cc JOIN filtered f USING (complaint_key))                         AS cost,
       (SELECT avg(s.csat) FROM surveys s JOIN filtered f USING (complaint_key) WHERE s.csat IS NOT NULL) AS csat
