-- Where each record of the register came from: the run (and file) that wrote the version the report shows, and how
-- many earlier versions the warehouse kept of it by the report's instant.
WITH earlier AS (
    SELECT source, external_id, count(*) AS versions
    FROM complaint_versions
    WHERE superseded_at <= CAST($as_of AS TIMESTAMPTZ)
    GROUP BY ALL
)
SELECT c.source,
       c.external_id,
       c.run_id,
       r.feed,
       r.file_name,
       r.file_sha256,
       CAST(timezone($tz, r.finished_at) AS TIMESTAMP) AS loaded,
       r.is_demo                                       AS demo,
       coalesce(e.versions, 0)                         AS earlier_versions
FROM /*complaints*/ c
JOIN ingest_runs r ON r.run_id = c.run_id
LEFT JOIN earlier e ON e.source = c.source AND e.external_id = c.external_id
WHERE /*filter*/
ORDER BY c.received_at, c.source, c.external_id
