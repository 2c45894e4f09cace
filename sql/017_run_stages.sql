-- 017: what each stage of a run did, one row per stage per task (a mapped stage has one per batch):
-- articles in and out, wall and CPU seconds. The Airflow task logs say the same line by line; this is
-- the run table's side of it, for the health page and for anyone asking where a cycle's time went.
CREATE TABLE eventwire.run_stages (
    run_id       text NOT NULL REFERENCES eventwire.runs (run_id) ON DELETE CASCADE,
    stage        text NOT NULL,
    part         text NOT NULL DEFAULT '',
    articles_in  integer NOT NULL DEFAULT 0,
    articles_out integer,
    seconds      double precision NOT NULL,
    cpu_seconds  double precision NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, stage, part)
);

CREATE VIEW analytics.run_stages AS
SELECT run_id, stage, count(*)::integer AS tasks, sum(articles_in)::integer AS articles_in,
       sum(articles_out)::integer AS articles_out, round(sum(seconds)::numeric, 2)::float8 AS seconds,
       round(sum(cpu_seconds)::numeric, 2)::float8 AS cpu_seconds, max(recorded_at) AS finished_at
FROM eventwire.run_stages
GROUP BY run_id, stage;
COMMENT ON VIEW analytics.run_stages IS 'Per run and stage (claim, fetch, clean, extract, validate, load): articles in and out, seconds and CPU seconds summed over its tasks.';
COMMENT ON COLUMN analytics.run_stages.run_id IS 'The run (Airflow run id, or cli__… for eventwire run).';
COMMENT ON COLUMN analytics.run_stages.stage IS 'Stage name: claim, fetch, clean, extract, validate or load.';
COMMENT ON COLUMN analytics.run_stages.tasks IS 'How many tasks (batches) ran this stage in the run.';
COMMENT ON COLUMN analytics.run_stages.articles_in IS 'Articles handed to the stage.';
COMMENT ON COLUMN analytics.run_stages.articles_out IS 'Articles the stage passed on (NULL where a stage does not count them).';
COMMENT ON COLUMN analytics.run_stages.seconds IS 'Wall-clock seconds, summed over the stage''s tasks.';
COMMENT ON COLUMN analytics.run_stages.cpu_seconds IS 'CPU seconds of the task processes doing the stage''s work (not their start-up).';
COMMENT ON COLUMN analytics.run_stages.finished_at IS 'When the stage''s last task finished.';
GRANT SELECT ON analytics.run_stages TO eventwire_analyst;
