-- 003: crawl-time deduplication. One article, many URLs: the page's canonical URL, the content hash
-- of its cleaned text and a MinHash signature decide whether it repeats an article already cleaned;
-- a repeat gets status 'duplicate' and `duplicate_of` (the first article) and is not extracted.
ALTER TABLE eventwire.articles DROP CONSTRAINT IF EXISTS articles_status_check;
ALTER TABLE eventwire.articles ADD CONSTRAINT articles_status_check CHECK (status IN (
    'new', 'fetched', 'fetch_failed', 'cleaned', 'duplicate', 'extracted', 'validated', 'loaded', 'quarantined'));

ALTER TABLE eventwire.articles
    ADD COLUMN canonical_url  text,
    ADD COLUMN duplicate_of   bigint REFERENCES eventwire.articles (article_id),
    ADD COLUMN duplicate_kind text CHECK (duplicate_kind IN ('canonical_url', 'content_hash', 'near_duplicate')),
    ADD COLUMN duplicate_similarity real,
    ADD COLUMN minhash        integer[],
    ADD CONSTRAINT articles_duplicate_not_self CHECK (duplicate_of IS DISTINCT FROM article_id),
    -- one way only: an article reset for reprocessing keeps its old verdict until it is cleaned again
    ADD CONSTRAINT articles_duplicate_has_original CHECK (status <> 'duplicate' OR duplicate_of IS NOT NULL);
COMMENT ON COLUMN eventwire.articles.canonical_url IS 'The page''s <link rel=canonical> (else og:url, else final URL), normalised.';
COMMENT ON COLUMN eventwire.articles.duplicate_of IS 'For status duplicate: the first article with the same story.';
COMMENT ON COLUMN eventwire.articles.duplicate_kind IS 'Which test matched: canonical_url, content_hash or near_duplicate (MinHash).';
COMMENT ON COLUMN eventwire.articles.minhash IS 'MinHash signature (128 values) of the cleaned text''s 4-word shingles; NULL for very short texts.';

CREATE INDEX articles_canonical_url_idx ON eventwire.articles (canonical_url) WHERE canonical_url IS NOT NULL;
CREATE INDEX articles_content_hash_idx ON eventwire.articles (content_hash) WHERE content_hash IS NOT NULL;
CREATE INDEX articles_duplicate_of_idx ON eventwire.articles (duplicate_of) WHERE duplicate_of IS NOT NULL;

-- LSH over the MinHash signature: 32 bands of 4 values, each hashed to one key. Articles sharing a
-- key are near-duplicate candidates, so finding them is an index lookup, not a scan.
CREATE TABLE eventwire.article_bands (
    band       bigint NOT NULL,
    article_id bigint NOT NULL REFERENCES eventwire.articles (article_id) ON DELETE CASCADE,
    PRIMARY KEY (band, article_id)
);
CREATE INDEX article_bands_article_idx ON eventwire.article_bands (article_id);
COMMENT ON TABLE eventwire.article_bands IS 'LSH band keys of each article''s MinHash signature, for near-duplicate lookup.';
