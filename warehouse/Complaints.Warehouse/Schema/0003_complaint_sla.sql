-- Per-complaint SLA measures, computed in C# (Sla/SlaMeasures.cs) after every load and on an administrator's
-- recalculation. Only facts that do not depend on "now" are stored: due instants, elapsed and paused time, and
-- breached flags once they are decided. Time left and overdue-as-of are derived at query time from the due instants.
CREATE TABLE complaint_sla (
    complaint_key                    BIGINT PRIMARY KEY,
    policy_name                      VARCHAR NOT NULL,
    policy_valid_from                TIMESTAMPTZ,          -- the policy version; NULL for the statutory default or a first version without a start
    statutory_deadline               DATE NOT NULL,        -- last day an answer is in time (reporting calendar)
    statutory_due_at                 TIMESTAMPTZ NOT NULL, -- local midnight after the deadline day
    answered_on                      DATE,                 -- answer date, or resolution date when no answer date is given
    statutory_outcome                VARCHAR,              -- answered_in_time | answered_late; NULL while unanswered
    statutory_met                    BOOLEAN,              -- NULL while unanswered
    first_response_due_at            TIMESTAMPTZ,          -- NULL: no promise, or a pause still open before the target ran out
    resolution_due_at                TIMESTAMPTZ,
    first_response_elapsed_seconds   BIGINT,               -- receipt to first response, pauses left out; NULL until responded
    first_response_business_seconds  BIGINT,
    resolution_elapsed_seconds       BIGINT,               -- receipt to resolution, pauses left out; NULL until resolved
    resolution_business_seconds      BIGINT,
    paused_seconds                   BIGINT NOT NULL,      -- closed pauses before resolution, in calendar time
    first_response_breached          BOOLEAN,              -- NULL until responded (or no promise)
    resolution_breached              BOOLEAN,              -- NULL until resolved
    reopen_count                     INTEGER NOT NULL,
    computed_at                      TIMESTAMPTZ NOT NULL,
    computed_by_run                  BIGINT                -- the load that refreshed it; NULL for a full recalculation
);
