-- 016: event keys are hex digests and place keys ASCII; compared byte by byte ("C") instead of by
-- the database's linguistic collation, every sort, join and unique-index probe of a load on them
-- is a memcmp. Their order was never meaningful.
ALTER TABLE eventwire.events ALTER COLUMN event_key TYPE text COLLATE "C", ALTER COLUMN place_key TYPE text COLLATE "C";
ALTER TABLE eventwire.mention_sources ALTER COLUMN source_key TYPE text COLLATE "C";
