-- 002: the analyst's surface. Documented views over the raw tables, and a role that can read
-- these views and nothing else (views run with their owner's rights, so no grant on eventwire.*).
CREATE SCHEMA IF NOT EXISTS analytics;
COMMENT ON SCHEMA analytics IS 'Read-only views for analysts: events, their mentions, daily counts, quarantine and feed health.';

CREATE VIEW analytics.events AS
SELECT e.event_id, e.event_date, e.date_precision, e.event_type, e.sub_event_type,
       e.actor1_name AS actor1, e.actor1_inter AS inter1, e.assoc_actor1,
       e.actor2_name AS actor2, e.actor2_inter AS inter2, e.assoc_actor2, e.interaction,
       e.country, e.country_code, e.admin1, e.location_name AS location, e.latitude, e.longitude,
       e.geonameid, e.geo_precision, e.fatalities_low, e.fatalities_best AS fatalities, e.fatalities_high,
       e.num_mentions, e.num_articles, e.num_sources, e.confidence, e.extractor_version,
       e.first_seen_at, e.updated_at
FROM eventwire.events e
WHERE e.deleted_at IS NULL;
COMMENT ON VIEW analytics.events IS 'One row per real-world event, ACLED-like columns, with how many articles and outlets reported it.';
COMMENT ON COLUMN analytics.events.event_id IS 'Stable identifier; survives re-runs.';
COMMENT ON COLUMN analytics.events.event_date IS 'Day the event happened (not the publication day).';
COMMENT ON COLUMN analytics.events.date_precision IS '1 = day known, 2 = within about a week, 3 = only the month.';
COMMENT ON COLUMN analytics.events.event_type IS 'ACLED event type (6 values).';
COMMENT ON COLUMN analytics.events.sub_event_type IS 'ACLED sub-event type (25 values).';
COMMENT ON COLUMN analytics.events.actor1 IS 'Primary actor, canonical name.';
COMMENT ON COLUMN analytics.events.inter1 IS 'ACLED actor type of actor1: 1 state, 2 rebels, 3 political militia, 4 identity militia, 5 rioters, 6 protesters, 7 civilians, 8 external.';
COMMENT ON COLUMN analytics.events.assoc_actor1 IS 'Forces fighting alongside actor1.';
COMMENT ON COLUMN analytics.events.actor2 IS 'The other side or the victims; NULL for one-sided events.';
COMMENT ON COLUMN analytics.events.inter2 IS 'ACLED actor type of actor2.';
COMMENT ON COLUMN analytics.events.assoc_actor2 IS 'Forces fighting alongside actor2.';
COMMENT ON COLUMN analytics.events.interaction IS 'The two inter codes, lower first (12 = state vs rebels); one-sided = inter1 then 0.';
COMMENT ON COLUMN analytics.events.country IS 'Country where the event happened.';
COMMENT ON COLUMN analytics.events.country_code IS 'ISO 3166 alpha-2.';
COMMENT ON COLUMN analytics.events.admin1 IS 'First-level administrative division (province/governorate), ACLED spelling.';
COMMENT ON COLUMN analytics.events.location IS 'Place name at the finest level the text supports.';
COMMENT ON COLUMN analytics.events.latitude IS 'WGS84 latitude of the location.';
COMMENT ON COLUMN analytics.events.longitude IS 'WGS84 longitude of the location.';
COMMENT ON COLUMN analytics.events.geonameid IS 'GeoNames id of the location, when it has one.';
COMMENT ON COLUMN analytics.events.geo_precision IS '1 = town, 2 = part of a region / near a town, 3 = larger region.';
COMMENT ON COLUMN analytics.events.fatalities_low IS 'Lowest death count reported.';
COMMENT ON COLUMN analytics.events.fatalities IS 'Best (conservative, ACLED-style) death count; NULL when no report gives one.';
COMMENT ON COLUMN analytics.events.fatalities_high IS 'Highest death count reported.';
COMMENT ON COLUMN analytics.events.num_mentions IS 'Sentences (one per article) that reported this event.';
COMMENT ON COLUMN analytics.events.num_articles IS 'Distinct articles that reported this event.';
COMMENT ON COLUMN analytics.events.num_sources IS 'Distinct outlets that reported this event.';
COMMENT ON COLUMN analytics.events.confidence IS 'Highest extractor confidence over the mentions, 0..1.';
COMMENT ON COLUMN analytics.events.extractor_version IS 'Version of the rules and dictionaries that coded the row.';
COMMENT ON COLUMN analytics.events.first_seen_at IS 'When eventwire first loaded this event.';
COMMENT ON COLUMN analytics.events.updated_at IS 'When the row last changed (new mention, revised count).';

CREATE VIEW analytics.event_mentions AS
SELECT m.event_id, m.article_id, a.url AS article_url, a.source AS outlet, a.title AS article_title,
       a.published AS article_published, m.sentence, m.start_offset, m.end_offset, m.confidence,
       m.fatalities_best, m.first_seen_at
FROM eventwire.event_mentions m
JOIN eventwire.articles a USING (article_id)
JOIN eventwire.events e USING (event_id)
WHERE e.deleted_at IS NULL;
COMMENT ON VIEW analytics.event_mentions IS 'Evidence: one row per article that reported an event, with the sentence and its offsets.';
COMMENT ON COLUMN analytics.event_mentions.event_id IS 'The event this mention supports (analytics.events.event_id).';
COMMENT ON COLUMN analytics.event_mentions.article_id IS 'The reporting article.';
COMMENT ON COLUMN analytics.event_mentions.article_url IS 'Canonical URL of the article.';
COMMENT ON COLUMN analytics.event_mentions.outlet IS 'Outlet (feed source) that published the article.';
COMMENT ON COLUMN analytics.event_mentions.article_title IS 'Headline.';
COMMENT ON COLUMN analytics.event_mentions.article_published IS 'Publication date of the article.';
COMMENT ON COLUMN analytics.event_mentions.sentence IS 'The sentence that carries the event.';
COMMENT ON COLUMN analytics.event_mentions.start_offset IS 'Character offset of the sentence in the cleaned article text.';
COMMENT ON COLUMN analytics.event_mentions.end_offset IS 'End offset (exclusive) of the sentence.';
COMMENT ON COLUMN analytics.event_mentions.confidence IS 'Extractor confidence for this mention.';
COMMENT ON COLUMN analytics.event_mentions.fatalities_best IS 'Death count this article gave for the event, if any.';
COMMENT ON COLUMN analytics.event_mentions.first_seen_at IS 'When this mention was loaded.';

CREATE VIEW analytics.daily_counts AS
SELECT event_date, country, admin1, event_type, sub_event_type,
       count(*) AS events, coalesce(sum(fatalities_best), 0) AS fatalities
FROM eventwire.events
WHERE deleted_at IS NULL
GROUP BY event_date, country, admin1, event_type, sub_event_type;
COMMENT ON VIEW analytics.daily_counts IS 'Events and deaths per day, country, admin1 and type.';
COMMENT ON COLUMN analytics.daily_counts.event_date IS 'Day of the events.';
COMMENT ON COLUMN analytics.daily_counts.country IS 'Country.';
COMMENT ON COLUMN analytics.daily_counts.admin1 IS 'Province/governorate.';
COMMENT ON COLUMN analytics.daily_counts.event_type IS 'ACLED event type.';
COMMENT ON COLUMN analytics.daily_counts.sub_event_type IS 'ACLED sub-event type.';
COMMENT ON COLUMN analytics.daily_counts.events IS 'Number of events.';
COMMENT ON COLUMN analytics.daily_counts.fatalities IS 'Sum of best death counts (unknown counts as 0).';

CREATE VIEW analytics.quarantine_summary AS
SELECT q.kind, r.reason->>'expectation' AS expectation, r.reason->>'column' AS column_name,
       count(*) AS rows, max(q.created_at) AS last_seen
FROM eventwire.quarantine q
CROSS JOIN LATERAL jsonb_array_elements(q.reasons) AS r(reason)
WHERE q.released_at IS NULL
GROUP BY 1, 2, 3;
COMMENT ON VIEW analytics.quarantine_summary IS 'Quarantined rows by kind and failed expectation.';
COMMENT ON COLUMN analytics.quarantine_summary.kind IS 'article or event.';
COMMENT ON COLUMN analytics.quarantine_summary.expectation IS 'The Great Expectations expectation (or check) that failed.';
COMMENT ON COLUMN analytics.quarantine_summary.column_name IS 'Column the expectation was about.';
COMMENT ON COLUMN analytics.quarantine_summary.rows IS 'Rows held back for that reason.';
COMMENT ON COLUMN analytics.quarantine_summary.last_seen IS 'When the newest such row arrived.';

CREATE VIEW analytics.feed_health AS
SELECT f.name, f.url, f.enabled, f.interval_minutes, f.last_polled_at, f.last_success_at,
       f.last_new_item_at, f.consecutive_failures, f.last_error, f.next_poll_at,
       (SELECT count(*) FROM eventwire.articles a WHERE a.feed_id = f.feed_id) AS articles
FROM eventwire.feeds f;
COMMENT ON VIEW analytics.feed_health IS 'Each feed: when it last worked, when it last brought something new, failures in a row.';
COMMENT ON COLUMN analytics.feed_health.name IS 'Feed name from feeds.yaml.';
COMMENT ON COLUMN analytics.feed_health.url IS 'Feed URL.';
COMMENT ON COLUMN analytics.feed_health.enabled IS 'Whether it is polled.';
COMMENT ON COLUMN analytics.feed_health.interval_minutes IS 'Poll interval.';
COMMENT ON COLUMN analytics.feed_health.last_polled_at IS 'Last poll attempt.';
COMMENT ON COLUMN analytics.feed_health.last_success_at IS 'Last successful poll.';
COMMENT ON COLUMN analytics.feed_health.last_new_item_at IS 'Last poll that brought a new item.';
COMMENT ON COLUMN analytics.feed_health.consecutive_failures IS 'Failed polls in a row.';
COMMENT ON COLUMN analytics.feed_health.last_error IS 'Reason of the last failure.';
COMMENT ON COLUMN analytics.feed_health.next_poll_at IS 'When it is due next (interval, backoff on failure).';
COMMENT ON COLUMN analytics.feed_health.articles IS 'Articles seen from this feed.';

CREATE VIEW analytics.runs AS
SELECT * FROM eventwire.runs;
COMMENT ON VIEW analytics.runs IS 'Run log: per run, articles and events in, loaded and quarantined.';

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'eventwire_analyst') THEN
        CREATE ROLE eventwire_analyst LOGIN;
    END IF;
END
$$;
REVOKE ALL ON SCHEMA eventwire FROM eventwire_analyst;
REVOKE ALL ON ALL TABLES IN SCHEMA eventwire FROM eventwire_analyst;
GRANT USAGE ON SCHEMA analytics TO eventwire_analyst;
GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO eventwire_analyst;
