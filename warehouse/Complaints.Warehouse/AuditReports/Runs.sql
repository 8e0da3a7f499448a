-- The ingest runs the lineage sheet names: each run's feed, file, the file's SHA-256, when it was loaded, whether it
-- was demo data, and how many of the register's records it wrote. Once per run, so a million rows do not repeat them.
SELECT r.run_id,
       r.feed,
       r.file_name,
       r.file_sha256,
       r.finished_at                                   AS loaded,
       r.is_demo                                       AS demo,
       count(*)                                        AS records
FROM /*complaints*/ c
JOIN ingest_runs r ON r.run_id = c.run_id
WHERE /*filter*/
GROUP BY r.run_id, r.feed, r.file_name, r.file_sha256, r.finished_at, r.is_demo
ORDER BY r.run_id
