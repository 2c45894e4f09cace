-- 009: feed poll intervals in seconds. Whole minutes were too coarse for the one-minute latency
-- target: an item on a feed polled every minute waited up to 60 s before the pipeline even saw it.
-- feeds.yaml takes interval_seconds or interval_minutes; the table keeps seconds only.
ALTER TABLE eventwire.feeds ADD COLUMN interval_seconds integer;
UPDATE eventwire.feeds SET interval_seconds = interval_minutes * 60;
ALTER TABLE eventwire.feeds
    ALTER COLUMN interval_seconds SET NOT NULL,
    ALTER COLUMN interval_seconds SET DEFAULT 900,
    ADD CONSTRAINT feeds_interval_seconds_check CHECK (interval_seconds > 0);
COMMENT ON COLUMN eventwire.feeds.interval_seconds IS 'Seconds between polls (doubled per failure in a row, up to a day).';

DROP VIEW analytics.feed_health;
ALTER TABLE eventwire.feeds DROP COLUMN interval_minutes;

CREATE VIEW analytics.feed_health AS
SELECT f.name, f.url, f.enabled, f.interval_seconds, f.alert_after_minutes, f.last_polled_at,
       f.last_success_at, f.last_new_item_at, f.consecutive_failures, f.last_error, f.next_poll_at,
       (SELECT count(*) FROM eventwire.articles a WHERE a.feed_id = f.feed_id) AS articles
FROM eventwire.feeds f;
COMMENT ON VIEW analytics.feed_health IS 'Each feed: when it last worked, when it last brought something new, failures in a row.';
COMMENT ON COLUMN analytics.feed_health.name IS 'Feed name from feeds.yaml.';
COMMENT ON COLUMN analytics.feed_health.url IS 'Feed URL.';
COMMENT ON COLUMN analytics.feed_health.enabled IS 'Whether it is polled.';
COMMENT ON COLUMN analytics.feed_health.interval_seconds IS 'Seconds between polls when the feed answers (backoff doubles it per failure).';
COMMENT ON COLUMN analytics.feed_health.alert_after_minutes IS 'Silence (no new item) longer than this raises a feed_silent alert.';
COMMENT ON COLUMN analytics.feed_health.last_polled_at IS 'Last poll attempt.';
COMMENT ON COLUMN analytics.feed_health.last_success_at IS 'Last successful poll.';
COMMENT ON COLUMN analytics.feed_health.last_new_item_at IS 'Last poll that brought a new item.';
COMMENT ON COLUMN analytics.feed_health.consecutive_failures IS 'Failed polls in a row.';
COMMENT ON COLUMN analytics.feed_health.last_error IS 'Reason of the last failure.';
COMMENT ON COLUMN analytics.feed_health.next_poll_at IS 'When it is due next (interval, backoff on failure).';
COMMENT ON COLUMN analytics.feed_health.articles IS 'Articles seen from this feed.';
GRANT SELECT ON analytics.feed_health TO eventwire_analyst;
