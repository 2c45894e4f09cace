-- 012: no credentials in what analysts and operators read. A feed URL may carry basic-auth
-- credentials (http://user:secret@host/rss) that the pipeline needs to poll it; the views show it,
-- its errors, its articles' URLs and the outlet named after it as user:***@ instead
-- (pipeline.safety.redact_url does the same for printed and logged URLs).
CREATE FUNCTION eventwire.redact_url(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN regexp_replace(
        regexp_replace(value, '([a-zA-Z][a-zA-Z0-9+.-]*://)([^:@/[:space:]]*):([^@/[:space:]]+)@', '\1\2:***@', 'g'),
        '([?&](password|passwd|pwd|token|api_key|apikey)=)[^&[:space:]#]*', '\1***', 'gi');
COMMENT ON FUNCTION eventwire.redact_url(text) IS 'The text with every URL password shown as *** (user:***@, password=***).';

CREATE OR REPLACE VIEW analytics.event_mentions AS
SELECT m.event_id, m.article_id, eventwire.redact_url(a.url) AS article_url, eventwire.redact_url(a.source) AS outlet,
       a.title AS article_title, a.published AS article_published, m.sentence, m.start_offset, m.end_offset,
       m.confidence, m.fatalities_best, m.first_seen_at
FROM eventwire.event_mentions m
JOIN eventwire.articles a USING (article_id)
JOIN eventwire.events e USING (event_id)
WHERE e.deleted_at IS NULL;

CREATE OR REPLACE VIEW analytics.feed_health AS
SELECT eventwire.redact_url(f.name) AS name, eventwire.redact_url(f.url) AS url, f.enabled, f.interval_seconds,
       f.alert_after_minutes, f.last_polled_at, f.last_success_at, f.last_new_item_at, f.consecutive_failures,
       eventwire.redact_url(f.last_error) AS last_error, f.next_poll_at,
       (SELECT count(*) FROM eventwire.articles a WHERE a.feed_id = f.feed_id) AS articles
FROM eventwire.feeds f;

CREATE OR REPLACE VIEW analytics.alerts AS
SELECT alert_id, kind, eventwire.redact_url(subject) AS subject, eventwire.redact_url(message) AS message,
       created_at, last_seen_at, resolved_at
FROM eventwire.alerts;
