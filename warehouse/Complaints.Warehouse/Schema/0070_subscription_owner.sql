-- Subscriptions belong to the account that made them (issue 15): its owner sees and manages it, administrators see
-- every one. A subscription from before owners were stored has none and is the administrators'.
ALTER TABLE report_subscriptions ADD COLUMN owner VARCHAR;
