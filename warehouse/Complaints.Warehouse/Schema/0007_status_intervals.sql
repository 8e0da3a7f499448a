-- Where the time goes, kept per complaint: each status change opens an interval that the complaint's next change
-- closes (the last, still open, interval is not kept). Refreshed with the SLA measures of the complaints a load or a
-- roll-back touches, so the SLA page groups stored intervals instead of ordering every status event on each view.
CREATE TABLE status_intervals (
    complaint_key BIGINT NOT NULL,
    status        VARCHAR NOT NULL,
    seconds       DOUBLE NOT NULL
);

INSERT INTO status_intervals
SELECT complaint_key, status, seconds
FROM (
    SELECT e.complaint_key, e.to_status AS status,
           epoch(lead(e.occurred_at) OVER (PARTITION BY e.complaint_key ORDER BY e.occurred_at)) - epoch(e.occurred_at) AS seconds
    FROM status_events e
    WHERE e.complaint_key IS NOT NULL
)
WHERE seconds IS NOT NULL;
