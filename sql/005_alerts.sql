-- 005: alerts an operator must see: a cycle that ran late, a feed silent for longer than expected.
-- One open alert per (kind, subject); it is resolved when the condition clears.
ALTER TABLE eventwire.feeds ADD COLUMN alert_after_minutes integer NOT NULL DEFAULT 360 CHECK (alert_after_minutes > 0);

CREATE TABLE eventwire.alerts (
    alert_id     bigserial PRIMARY KEY,
    kind         text NOT NULL CHECK (kind IN ('cycle_late', 'feed_silent', 'feed_failing')),
    subject      text NOT NULL,
    message      text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    resolved_at  timestamptz
);
CREATE UNIQUE INDEX alerts_open_idx ON eventwire.alerts (kind, subject) WHERE resolved_at IS NULL;

CREATE VIEW analytics.alerts AS
SELECT alert_id, kind, subject, message, created_at, last_seen_at, resolved_at
FROM eventwire.alerts;
COMMENT ON VIEW analytics.alerts IS 'Operational alerts: late cycles, silent or failing feeds; open while resolved_at is NULL.';
COMMENT ON COLUMN analytics.alerts.kind IS 'cycle_late, feed_silent or feed_failing.';
COMMENT ON COLUMN analytics.alerts.subject IS 'The DAG run or feed the alert is about.';
COMMENT ON COLUMN analytics.alerts.message IS 'What is wrong, in words.';
COMMENT ON COLUMN analytics.alerts.created_at IS 'When the condition was first seen.';
COMMENT ON COLUMN analytics.alerts.last_seen_at IS 'When it was last seen still true.';
COMMENT ON COLUMN analytics.alerts.resolved_at IS 'When it cleared; NULL while open.';
COMMENT ON COLUMN analytics.alerts.alert_id IS 'Identifier.';
GRANT SELECT ON analytics.alerts TO eventwire_analyst;
