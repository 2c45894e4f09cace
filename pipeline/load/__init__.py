"""Load stage: validated rows into PostgreSQL. The work is in `pipeline.load.postgres` (COPY into
staging, one set-based upsert per batch, cross-article merge, mentions and quarantine)."""
