-- 011: keys a hostile input cannot break, and room to record what was refused or abandoned.
-- A btree index entry holds at most ~2.7 kB, so a 3,000-character item link made the unique key on
-- articles.url fail the whole poll: the key is now a hash of the URL (any length), and the
-- canonical-URL lookup uses a hash index. Runs left `running` by a dead process are closed as
-- `abandoned` by the next run; what was changed on the way in (a date dropped) is kept as notes.
CREATE FUNCTION eventwire.url_key(url text) RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN sha256(convert_to(url, 'UTF8'));
COMMENT ON FUNCTION eventwire.url_key(text) IS 'Unique key of an article URL: SHA-256 of its UTF-8 bytes (fits any index).';

ALTER TABLE eventwire.articles DROP CONSTRAINT articles_url_key;
CREATE UNIQUE INDEX articles_url_key ON eventwire.articles (eventwire.url_key(url));

DROP INDEX eventwire.articles_canonical_url_idx;
CREATE INDEX articles_canonical_url_idx ON eventwire.articles USING hash (canonical_url) WHERE canonical_url IS NOT NULL;

ALTER TABLE eventwire.articles ADD COLUMN notes text[];
COMMENT ON COLUMN eventwire.articles.notes IS 'What was changed or refused on the way in: an impossible date dropped, a URL refused.';

-- oldest first within a status: every step takes what waits in its input status
CREATE INDEX articles_waiting_idx ON eventwire.articles (status, article_id)
    WHERE status IN ('new', 'fetched', 'cleaned', 'extracted', 'validated');

ALTER TABLE eventwire.runs DROP CONSTRAINT runs_status_check;
ALTER TABLE eventwire.runs ADD CONSTRAINT runs_status_check
    CHECK (status IN ('running', 'success', 'failed', 'abandoned'));
COMMENT ON COLUMN analytics.runs.status IS
    'running, success, failed (error says why; rows unaccounted for or a failed task fail a run), or abandoned (its process died; the next run closed it and took over its rows).';
