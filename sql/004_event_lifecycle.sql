-- 004: events as a living dataset. A normalised place key for cross-article merging, the run that
-- last touched an article (reprocessing), and the deletions analysts need (as ACLED publishes them).
ALTER TABLE eventwire.events ADD COLUMN place_key text;
CREATE INDEX events_merge_idx ON eventwire.events (sub_event_type, event_date) WHERE deleted_at IS NULL;
ALTER TABLE eventwire.events ADD COLUMN deletion_reason text;

ALTER TABLE eventwire.articles ADD COLUMN last_run_id text REFERENCES eventwire.runs (run_id);
UPDATE eventwire.articles SET last_run_id = first_run_id WHERE last_run_id IS NULL;
CREATE INDEX articles_last_run_idx ON eventwire.articles (last_run_id);

ALTER TABLE eventwire.runs ADD COLUMN articles_reprocessed integer NOT NULL DEFAULT 0;

CREATE VIEW analytics.deletions AS
SELECT event_id, event_date, sub_event_type, location_name AS location, country, admin1,
       deleted_at, deletion_reason, extractor_version
FROM eventwire.events
WHERE deleted_at IS NOT NULL;
COMMENT ON VIEW analytics.deletions IS 'Events withdrawn after reprocessing (no article supports them any more); drop them from your copies.';
COMMENT ON COLUMN analytics.deletions.event_id IS 'The withdrawn event (it no longer appears in analytics.events).';
COMMENT ON COLUMN analytics.deletions.event_date IS 'Day of the withdrawn event.';
COMMENT ON COLUMN analytics.deletions.sub_event_type IS 'Its ACLED sub-event type.';
COMMENT ON COLUMN analytics.deletions.location IS 'Its place.';
COMMENT ON COLUMN analytics.deletions.country IS 'Its country.';
COMMENT ON COLUMN analytics.deletions.admin1 IS 'Its province/governorate.';
COMMENT ON COLUMN analytics.deletions.deleted_at IS 'When it was withdrawn.';
COMMENT ON COLUMN analytics.deletions.deletion_reason IS 'Why: e.g. no mention left after re-extraction.';
COMMENT ON COLUMN analytics.deletions.extractor_version IS 'Extractor version that last coded it.';
GRANT SELECT ON analytics.deletions TO eventwire_analyst;
