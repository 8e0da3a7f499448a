-- Builds again cost_lines and complaint_costs, for every complaint or for those in the temp table cost_rollup_keys,
-- from costs, exchange_rates and the staged configured rates (reporting_rates, which holds the reporting currency at 1). A booking in the reporting currency is never converted; any other takes
-- the rate of its currency for the month it was booked in, else the configured fixed rate, else none (unconverted).
DELETE FROM complaint_costs WHERE /*touched*/;
DELETE FROM cost_lines WHERE /*touched*/;

INSERT INTO cost_lines
SELECT k.source,
       k.external_id,
       k.complaint_key,
       k.cost_type,
       CAST(date_trunc('month', k.booked_on) AS DATE)                                  AS booked_month,
       upper(k.currency)                                                               AS currency,
       k.amount,
       CASE WHEN upper(k.currency) = $currency THEN 1 ELSE coalesce(m.rate, r.rate) END AS rate,
       CASE WHEN upper(k.currency) = $currency THEN 'reporting'
            WHEN m.rate IS NOT NULL THEN 'monthly'
            WHEN r.rate IS NOT NULL THEN 'configured' END                              AS rate_source,
       CAST(round(k.amount * CASE WHEN upper(k.currency) = $currency THEN 1 ELSE coalesce(m.rate, r.rate) END, 2) AS DECIMAL(18,2)) AS amount_reporting
FROM costs k
LEFT JOIN exchange_rates m ON upper(m.currency) = upper(k.currency) AND m.month = date_trunc('month', k.booked_on)
LEFT JOIN reporting_rates r ON r.currency = upper(k.currency)
WHERE k.complaint_key IS NOT NULL AND /*touched_costs*/;

INSERT INTO complaint_costs
SELECT complaint_key,
       coalesce(sum(amount_reporting), 0)              AS amount,
       count(*)                                        AS costs,
       count(*) FILTER (WHERE amount_reporting IS NULL) AS unconverted
FROM cost_lines
WHERE /*touched*/
GROUP BY complaint_key;
