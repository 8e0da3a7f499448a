-- Where each record of the register came from: the run that wrote the version the report shows (its file, feed and
-- digest are on the runs sheet, once per run), and how many earlier versions the warehouse kept of it by the report's
-- instant.
WITH earlier AS (
    SELECT source, external_id, count(*) AS versions
    FROM complaint_versions
    WHERE superseded_at <= CAST($as_of AS TIMESTAMPTZ)
    GROUP BY ALL
)
SELECT c.source,
       c.external_id,
       c.run_id,
       coalesce(e.versions, 0) AS earlier_versions
FROM /*complaints*/ c
LEFT JOIN earlier e ON e.source = c.source AND e.external_id = c.external_id
WHERE /*filter*/
ORDER BY c.received_at, c.source, c.external_id
