-- 008: every staged row an event absorbed, by article and the row's own key. A mention keeps one
-- row per (event, article); when two rows of one article merge into one event, both keys are
-- recorded here, so loading the same rows again maps each of them back (a reload changes nothing).
CREATE TABLE eventwire.mention_sources (
    article_id  bigint NOT NULL REFERENCES eventwire.articles (article_id),
    source_key  text NOT NULL,
    event_id    bigint NOT NULL REFERENCES eventwire.events (event_id),
    PRIMARY KEY (article_id, source_key)
);
INSERT INTO eventwire.mention_sources (article_id, source_key, event_id)
SELECT article_id, source_key, event_id FROM eventwire.event_mentions WHERE source_key IS NOT NULL
ON CONFLICT DO NOTHING;
