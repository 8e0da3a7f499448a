-- Days whose converted costs or survey scores are no longer those the rollup summed: after a roll-back of costs or
-- surveys, which says which bookings or answers it removed but not whose.
INSERT INTO rollup_days
SELECT coalesce(f.day, r.day)
FROM (SELECT CAST(timezone($tz, c.received_at) AS DATE) AS day,
             coalesce(sum(cc.amount), 0) AS cost_amount, coalesce(sum(cc.unconverted), 0) AS cost_unconverted,
             coalesce(sum(sv.csat_sum), 0) AS csat_sum, coalesce(sum(sv.csat_answers), 0) AS csat_answers
      FROM complaints c
      LEFT JOIN complaint_costs cc ON cc.complaint_key = c.complaint_key
      LEFT JOIN (SELECT complaint_key, sum(csat) AS csat_sum, count(csat) AS csat_answers FROM surveys GROUP BY complaint_key) sv
             ON sv.complaint_key = c.complaint_key
      GROUP BY day) f
FULL JOIN (SELECT received_day AS day, sum(cost_amount) AS cost_amount, sum(cost_unconverted) AS cost_unconverted,
                  sum(csat_sum) AS csat_sum, sum(csat_answers) AS csat_answers
           FROM complaint_daily GROUP BY day) r ON r.day = f.day
WHERE f.cost_amount IS DISTINCT FROM r.cost_amount OR f.cost_unconverted IS DISTINCT FROM r.cost_unconverted
   OR f.csat_sum IS DISTINCT FROM r.csat_sum OR f.csat_answers IS DISTINCT FROM r.csat_answers
