-- Time per status from the SLA rollup's sketch: intervals and their exact total per bin, for the filtered days and products.
SELECT d.status, d.bin, CAST(sum(d.intervals) AS BIGINT) AS intervals, sum(d.seconds) AS seconds
FROM status_time_sketch d
WHERE /*rollup*/
GROUP BY ALL
ORDER BY d.status, d.bin
