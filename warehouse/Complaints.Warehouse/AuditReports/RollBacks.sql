-- Runs rolled back on the period's days, before the report's instant: what was undone, when and by whom.
SELECT run_id,
       feed,
       file_name,
       file_sha256,
       finished_at                                      AS loaded,
       rows_inserted,
       rows_updated,
       rolled_back_at                                   AS rolled_back,
       rolled_back_by
FROM ingest_runs
WHERE rolled_back_at >= CAST($from_instant AS TIMESTAMPTZ)
  AND rolled_back_at < CAST($to_instant AS TIMESTAMPTZ)
  AND rolled_back_at < CAST($as_of AS TIMESTAMPTZ)
ORDER BY rolled_back_at, run_id
