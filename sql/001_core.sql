-- 001: the raw tables the pipeline writes. One schema, `eventwire`, for what the pipeline owns;
-- analysts read the `analytics` views (002) and never these tables directly.
CREATE SCHEMA IF NOT EXISTS eventwire;

CREATE TABLE eventwire.runs (
    run_id            text PRIMARY KEY,
    started_at        timestamptz NOT NULL DEFAULT now(),
    finished_at       timestamptz,
    status            text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'success', 'failed')),
    runner            text NOT NULL DEFAULT 'cli',
    feeds_polled      integer NOT NULL DEFAULT 0,
    feeds_failed      integer NOT NULL DEFAULT 0,
    items_seen        integer NOT NULL DEFAULT 0,
    articles_new      integer NOT NULL DEFAULT 0,
    pages_fetched     integer NOT NULL DEFAULT 0,
    pages_failed      integer NOT NULL DEFAULT 0,
    articles_in       integer NOT NULL DEFAULT 0,
    articles_loaded   integer NOT NULL DEFAULT 0,
    articles_quarantined integer NOT NULL DEFAULT 0,
    events_in         integer NOT NULL DEFAULT 0,
    events_loaded     integer NOT NULL DEFAULT 0,
    events_quarantined integer NOT NULL DEFAULT 0,
    error             text
);
COMMENT ON TABLE eventwire.runs IS 'One row per pipeline run: what came in and where it went (in = loaded + quarantined).';

CREATE TABLE eventwire.feeds (
    feed_id              serial PRIMARY KEY,
    name                 text NOT NULL,
    url                  text NOT NULL UNIQUE,
    enabled              boolean NOT NULL DEFAULT true,
    interval_minutes     integer NOT NULL DEFAULT 15 CHECK (interval_minutes > 0),
    etag                 text,
    last_modified        text,
    last_polled_at       timestamptz,
    last_success_at      timestamptz,
    last_new_item_at     timestamptz,
    consecutive_failures integer NOT NULL DEFAULT 0,
    last_error           text,
    next_poll_at         timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE eventwire.feeds IS 'Per-feed polling state: conditional-GET validators, health and backoff.';

CREATE TABLE eventwire.articles (
    article_id     bigserial PRIMARY KEY,
    url            text NOT NULL UNIQUE,
    feed_id        integer REFERENCES eventwire.feeds (feed_id),
    guid           text,
    source         text,
    feed_title     text,
    feed_published date,
    status         text NOT NULL DEFAULT 'new'
                   CHECK (status IN ('new', 'fetched', 'fetch_failed', 'cleaned', 'extracted', 'validated', 'loaded', 'quarantined')),
    first_run_id   text REFERENCES eventwire.runs (run_id),
    http_status    integer,
    final_url      text,
    fetch_error    text,
    fetched_at     timestamptz,
    raw_html_gz    bytea,
    title          text,
    author         text,
    published      date,
    language       text,
    text           text,
    content_hash   text,
    cleaned_at     timestamptz,
    extractor_version text,
    extracted_at   timestamptz,
    validation_reasons jsonb,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX articles_status_idx ON eventwire.articles (status);
COMMENT ON TABLE eventwire.articles IS 'Every article seen in a feed, with its raw HTML (gzip) and cleaned text; status is how far it got.';

-- Extracted events wait here between extract, validate and load, so each step runs in its own process.
CREATE TABLE eventwire.event_candidates (
    candidate_id   bigserial PRIMARY KEY,
    article_id     bigint NOT NULL REFERENCES eventwire.articles (article_id),
    ordinal        integer NOT NULL,
    run_id         text REFERENCES eventwire.runs (run_id),
    payload        jsonb NOT NULL,
    status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'valid', 'rejected', 'loaded', 'quarantined')),
    reasons        jsonb,
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (article_id, ordinal)
);

CREATE TABLE eventwire.events (
    event_id          bigserial PRIMARY KEY,
    event_key         text NOT NULL UNIQUE,
    event_type        text NOT NULL,
    sub_event_type    text NOT NULL,
    event_date        date NOT NULL,
    date_precision    smallint NOT NULL CHECK (date_precision IN (1, 2, 3)),
    actor1_name       text,
    actor1_inter      smallint CHECK (actor1_inter BETWEEN 1 AND 8),
    assoc_actor1      text[] NOT NULL DEFAULT '{}',
    actor2_name       text,
    actor2_inter      smallint CHECK (actor2_inter BETWEEN 1 AND 8),
    assoc_actor2      text[] NOT NULL DEFAULT '{}',
    interaction       smallint,
    location_name     text NOT NULL,
    admin1            text,
    country           text,
    country_code      char(2),
    latitude          double precision,
    longitude         double precision,
    geonameid         bigint,
    geo_precision     smallint CHECK (geo_precision IN (1, 2, 3)),
    fatalities_low    integer CHECK (fatalities_low >= 0),
    fatalities_best   integer CHECK (fatalities_best >= 0),
    fatalities_high   integer CHECK (fatalities_high >= 0),
    confidence        real,
    extractor_version text NOT NULL,
    num_mentions      integer NOT NULL DEFAULT 0,
    num_articles      integer NOT NULL DEFAULT 0,
    num_sources       integer NOT NULL DEFAULT 0,
    first_seen_at     timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    deleted_at        timestamptz
);
CREATE INDEX events_date_idx ON eventwire.events (event_date);
CREATE INDEX events_admin1_idx ON eventwire.events (country, admin1);
CREATE INDEX events_type_idx ON eventwire.events (sub_event_type);
CREATE INDEX events_actor1_idx ON eventwire.events (actor1_name);
COMMENT ON TABLE eventwire.events IS 'One row per real-world event: same sub-type, place and day across articles is one event.';

CREATE TABLE eventwire.event_mentions (
    event_id        bigint NOT NULL REFERENCES eventwire.events (event_id),
    article_id      bigint NOT NULL REFERENCES eventwire.articles (article_id),
    sentence        text NOT NULL,
    start_offset    integer NOT NULL CHECK (start_offset >= 0),
    end_offset      integer NOT NULL CHECK (end_offset > start_offset),
    confidence      real,
    fatalities_best integer,
    run_id          text REFERENCES eventwire.runs (run_id),
    first_seen_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, article_id)
);

CREATE TABLE eventwire.quarantine (
    quarantine_id  bigserial PRIMARY KEY,
    kind           text NOT NULL CHECK (kind IN ('article', 'event')),
    row_key        text NOT NULL,
    article_id     bigint REFERENCES eventwire.articles (article_id),
    run_id         text REFERENCES eventwire.runs (run_id),
    payload        jsonb NOT NULL,
    reasons        jsonb NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    released_at    timestamptz,
    UNIQUE (kind, row_key)
);
COMMENT ON TABLE eventwire.quarantine IS 'Rows that failed validation, with the payload and the failed expectations; nothing is dropped silently.';
