-- Totals over the filtered complaints from the cost rollup: converted amount, bookings, and bookings left unconverted
-- (no rate for their month and none configured) with their currency codes.
WITH filtered AS (
    SELECT c.complaint_key
    FROM complaints c
    WHERE /*filter*/
)
SELECT count(*)                          AS complaints,
       count(cc.complaint_key)           AS costed_complaints,
       coalesce(sum(cc.amount), 0)       AS amount,
       coalesce(sum(cc.costs), 0)        AS costs,
       coalesce(sum(cc.unconverted), 0)  AS unconverted,
       (SELECT string_agg(DISTINCT cl.currency, ',' ORDER BY cl.currency)
        FROM cost_lines cl JOIN filtered f2 ON f2.complaint_key = cl.complaint_key
        WHERE cl.amount_reporting IS NULL) AS unconverted_currencies
FROM filtered f
LEFT JOIN complaint_costs cc ON cc.complaint_key = f.complaint_key
