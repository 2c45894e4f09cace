-- 010: every article names the run that last handled it from the moment it is inserted, so a run's
-- counts come from one indexed column (articles_last_run_idx) instead of coalesce(last_run_id,
-- first_run_id), which no index serves. Rows polled before this migration get it filled in here.
UPDATE eventwire.articles SET last_run_id = first_run_id WHERE last_run_id IS NULL AND first_run_id IS NOT NULL;
-- and the event side of the same count: candidates by run
CREATE INDEX IF NOT EXISTS event_candidates_run_idx ON eventwire.event_candidates (run_id);
