-- The handling-time sketch's bins over every filtered product together, in ascending order: the key figures' median.
SELECT d.bin, CAST(sum(d.resolved) AS BIGINT) AS resolved
FROM handling_sketch d
WHERE /*rollup*/
GROUP BY d.bin
ORDER BY d.bin
