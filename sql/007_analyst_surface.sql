-- 007: the rest of the analyst's surface: who fights whom (dyads), a documented run log, and the
-- fatality rule as it now stands (a later report's toll supersedes an earlier one).
CREATE VIEW analytics.dyads AS
SELECT least(actor1_name, coalesce(actor2_name, '')) AS side_a,
       nullif(greatest(actor1_name, coalesce(actor2_name, '')), '') AS side_b,
       interaction, country,
       count(*) AS events, coalesce(sum(fatalities_best), 0) AS fatalities,
       min(event_date) AS first_event, max(event_date) AS last_event
FROM eventwire.events
WHERE deleted_at IS NULL
GROUP BY 1, 2, 3, 4;
COMMENT ON VIEW analytics.dyads IS 'Pairs of actors that fought or targeted each other (either order), with event and death counts.';
COMMENT ON COLUMN analytics.dyads.side_a IS 'One actor of the pair (alphabetically first).';
COMMENT ON COLUMN analytics.dyads.side_b IS 'The other actor; NULL for one-sided events.';
COMMENT ON COLUMN analytics.dyads.interaction IS 'ACLED interaction code of the pair (lower inter code first).';
COMMENT ON COLUMN analytics.dyads.country IS 'Country of the events.';
COMMENT ON COLUMN analytics.dyads.events IS 'Number of events between the two.';
COMMENT ON COLUMN analytics.dyads.fatalities IS 'Sum of best death counts (unknown counts as 0).';
COMMENT ON COLUMN analytics.dyads.first_event IS 'Date of their first event.';
COMMENT ON COLUMN analytics.dyads.last_event IS 'Date of their latest event.';
GRANT SELECT ON analytics.dyads TO eventwire_analyst;

DROP VIEW analytics.runs;
CREATE VIEW analytics.runs AS
SELECT run_id, runner, status, started_at, finished_at,
       extract(epoch FROM finished_at - started_at) AS seconds,
       feeds_polled, feeds_failed, items_seen, articles_new, pages_fetched, pages_failed,
       articles_in, articles_loaded, articles_quarantined, articles_reprocessed,
       events_in, events_loaded, events_quarantined, error
FROM eventwire.runs;
COMMENT ON VIEW analytics.runs IS 'Run log: per run, what came in and where it went (in = loaded + quarantined).';
COMMENT ON COLUMN analytics.runs.run_id IS 'Airflow run id (or cli__/reprocess__/retry__ for runs outside Airflow).';
COMMENT ON COLUMN analytics.runs.runner IS 'airflow, cli or reprocess.';
COMMENT ON COLUMN analytics.runs.status IS 'running, success, or failed (error says why; rows unaccounted for fail a run).';
COMMENT ON COLUMN analytics.runs.started_at IS 'When the run started.';
COMMENT ON COLUMN analytics.runs.finished_at IS 'When it finished.';
COMMENT ON COLUMN analytics.runs.seconds IS 'How long it took.';
COMMENT ON COLUMN analytics.runs.feeds_polled IS 'Feeds polled (those due).';
COMMENT ON COLUMN analytics.runs.feeds_failed IS 'Polls that failed.';
COMMENT ON COLUMN analytics.runs.items_seen IS 'Feed items read (new or not).';
COMMENT ON COLUMN analytics.runs.articles_new IS 'Items not seen before, which became articles.';
COMMENT ON COLUMN analytics.runs.pages_fetched IS 'Pages downloaded.';
COMMENT ON COLUMN analytics.runs.pages_failed IS 'Pages that could not be downloaded (quarantined with the reason).';
COMMENT ON COLUMN analytics.runs.articles_in IS 'Articles this run handled.';
COMMENT ON COLUMN analytics.runs.articles_loaded IS 'Of those, loaded (including duplicates linked to an earlier copy).';
COMMENT ON COLUMN analytics.runs.articles_quarantined IS 'Of those, held back (failed fetch or failed checks).';
COMMENT ON COLUMN analytics.runs.articles_reprocessed IS 'Articles re-coded by a reprocess or retry run.';
COMMENT ON COLUMN analytics.runs.events_in IS 'Events extracted in this run.';
COMMENT ON COLUMN analytics.runs.events_loaded IS 'Of those, loaded (new events or new mentions of known ones).';
COMMENT ON COLUMN analytics.runs.events_quarantined IS 'Of those, held back with the failed expectations.';
COMMENT ON COLUMN analytics.runs.error IS 'Why the run failed, if it did.';
GRANT SELECT ON analytics.runs TO eventwire_analyst;

COMMENT ON COLUMN analytics.events.fatalities IS 'Best death count: the lowest among the latest reports that give one (ACLED''s conservative reading; a later toll supersedes an earlier one); NULL when no report gives one.';
COMMENT ON COLUMN analytics.events.fatalities_low IS 'Lowest death count any report gave.';
COMMENT ON COLUMN analytics.events.fatalities_high IS 'Highest death count any report gave.';
