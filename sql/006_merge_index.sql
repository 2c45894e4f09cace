-- 006: the cross-article merge looks up live events by sub-type, a date range and a coordinate box;
-- one index serves the lookup by distance (date range + coordinate box), one the lookup by place name.
DROP INDEX IF EXISTS eventwire.events_merge_idx;
CREATE INDEX events_merge_idx ON eventwire.events (sub_event_type, event_date, latitude, longitude)
    WHERE deleted_at IS NULL;
CREATE INDEX events_place_key_idx ON eventwire.events (sub_event_type, place_key, event_date) WHERE deleted_at IS NULL;

-- Which staged row (the article's own event key) a mention came from, so loading the same rows
-- again finds the event they were merged into, exactly, instead of merging afresh.
ALTER TABLE eventwire.event_mentions ADD COLUMN source_key text;
CREATE INDEX event_mentions_source_idx ON eventwire.event_mentions (article_id, source_key);
